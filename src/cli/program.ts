import { Command } from 'commander';
import { ApiError, type CliIo, EventfoldApi } from './api-client';
import { addProjectionCommands } from './commands/projection-commands';
import { addReadCommands } from './commands/read-commands';
import { addQueryCommand } from './commands/query-command';
import { addReplayCommands } from './commands/replay-commands';
import { addStartCommand } from './commands/start-command';
import { addWriteCommands } from './commands/write-commands';

/** The default API address: `EVENTFOLD_URL`, else the local runtime's default port. */
export const defaultUrl = () => process.env.EVENTFOLD_URL ?? 'http://127.0.0.1:3000';

/**
 * The `eventfold` command line: start the local runtime, publish, run commands, replay with a progress bar, rebuild
 * or roll back projections, show streams and documents. Every command but `start` talks to the HTTP API at `--url`.
 */
export function buildProgram(io: CliIo): Command {
  const program = new Command('eventfold')
    .description('event sourcing on AWS serverless, from the command line')
    .option('--url <url>', 'the eventfold HTTP API', defaultUrl())
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride();
  const api = () => new EventfoldApi(program.opts<{ url: string }>().url);
  addStartCommand(program, io);
  addWriteCommands(program, api, io);
  addReadCommands(program, api, io);
  addQueryCommand(program, api, io);
  addReplayCommands(program, api, io);
  addProjectionCommands(program, api, io);
  return program;
}

/**
 * Runs the CLI with `argv` (without the node and script entries) and returns the exit code; API errors are printed
 * with their status, code and message.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('commander.')) {
      return (error as { exitCode?: number }).exitCode ?? 1;
    }
    io.err(error instanceof ApiError ? `error: ${error.message}` : `error: ${(error as Error).message}`);
    if (error instanceof ApiError) io.err(JSON.stringify(error.body, null, 2));
    return 1;
  }
}
