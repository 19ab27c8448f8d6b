import type { Command } from 'commander';
import { loadApp } from '../../infrastructure/local/runtime/runtime-app';
import { serveUntilSignal } from '../../infrastructure/local/runtime/serve';
import type { CliIo } from '../api-client';
import { ensureTypeScriptLoader, findAppModule } from '../app-module';

/** `start`: the embedded runtime, as `npm start` runs it. */
export function addStartCommand(program: Command, io: CliIo): void {
  program
    .command('start')
    .description('run the whole pipeline on this machine until Ctrl-C')
    .option('--data-dir <dir>', 'keep data in this folder', '.local-data')
    .option('--in-memory', 'keep nothing on disk')
    .option('--port <port>', 'HTTP port', '3000')
    .option(
      '--app <module>',
      'module exporting the app (defineEventfoldApp); src/app.ts or src/app.js when absent',
    )
    .action(async (opts: { dataDir: string; inMemory?: boolean; port: string; app?: string }) => {
      process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
      process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
      const appModule = findAppModule(process.cwd(), opts.app);
      ensureTypeScriptLoader(appModule, process.cwd());
      await serveUntilSignal(
        {
          app: loadApp(appModule),
          dataDir: opts.inMemory ? undefined : opts.dataDir,
          port: Number(opts.port),
          onError: (where, error) =>
            io.err(`[${where}] ${error instanceof Error ? error.message : String(error)}`),
        },
        io.out,
      );
    });
}
