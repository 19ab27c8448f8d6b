import 'reflect-metadata';
import { Command } from 'commander';
import { loadApp } from './runtime/runtime-app';
import { serveUntilSignal } from './runtime/serve';

// Quiet by default on one machine; set these to see Powertools' structured logs and EMF metrics.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

// With the terminal or the parent gone, a write to stdout fails (EPIPE, EIO); that must not end the stop half-way.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);

const program = new Command('eventfold-local')
  .description(
    'Runs the eventfold pipeline on this machine (DynamoDB Local, kinesalite, SQS, Step Functions)',
  )
  .option('--data-dir <dir>', 'keep data in this folder', '.local-data')
  .option('--in-memory', 'keep nothing on disk')
  .option('--port <port>', 'HTTP port', '3000')
  .option('--app <module>', 'module exporting the app (defineEventfoldApp)')
  .parse();

const opts = program.opts<{ dataDir: string; inMemory?: boolean; port: string; app?: string }>();

serveUntilSignal(
  {
    app: loadApp(opts.app),
    dataDir: opts.inMemory ? undefined : opts.dataDir,
    port: Number(opts.port),
    onError: (where, error) => console.error(`[${where}]`, error instanceof Error ? error.message : error),
  },
  (line) => console.log(line),
).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('eventfold local runtime failed to start:', error);
    process.exit(1);
  },
);
