import { Command } from 'commander';
import { join } from 'node:path';
import { RUNTIME_DYNAMODB_LOCAL_JVM_FLAGS, startDynamoDbLocal } from './dynamodb-local';

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
const dataDir = opts.inMemory ? undefined : opts.dataDir;

// DynamoDB Local's JVM is the slowest part to start: it starts first, while the runtime and the app load (which
// is why they are required below, not imported). Its failure surfaces where the emulators start.
const dynamodb = startDynamoDbLocal({
  dataDir: dataDir === undefined ? undefined : join(dataDir, 'dynamodb'),
  jvmFlags: RUNTIME_DYNAMODB_LOCAL_JVM_FLAGS,
});
dynamodb.catch(() => undefined);

/** Loads the runtime and the app, then serves until a signal. */
async function serve(): Promise<void> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  require('reflect-metadata');
  const { loadApp } = require('./runtime/runtime-app') as typeof import('./runtime/runtime-app');
  const { serveUntilSignal } = require('./runtime/serve') as typeof import('./runtime/serve');
  /* eslint-enable @typescript-eslint/no-require-imports */
  await serveUntilSignal(
    {
      app: loadApp(opts.app),
      dataDir,
      dynamodb,
      port: Number(opts.port),
      onError: (where, error) => console.error(`[${where}]`, error instanceof Error ? error.message : error),
    },
    (line) => console.log(line),
  );
}

serve().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('eventfold local runtime failed to start:', error);
    process.exit(1);
  },
);
