import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type ChildService, startChildService } from './child-service';
import { freePort } from './free-port';

/** A local SQS endpoint (the npm emulator fauxqs, which speaks the AWS JSON protocol of SDK v3 SQS). */
export type LocalSqs = ChildService;

/** The emulator's CLI; found on the module search path, since its package exports neither it nor package.json. */
function fauxqsCli(): string {
  for (const dir of require.resolve.paths('fauxqs') ?? []) {
    const cli = join(dir, 'fauxqs', 'dist', 'cli.js');
    if (existsSync(cli)) return cli;
  }
  throw new Error('the local SQS emulator (npm package fauxqs) is not installed');
}

/**
 * Starts a local SQS endpoint on a free loopback port, in a child process (the emulator is an ES module, and a
 * process of its own keeps it out of test runners' module systems). In memory; stop it with `stop()`.
 * @example
 * const sqs = await startLocalSqs();
 * const client = createSqsClient({ region: 'us-east-1', sqs: sqs.endpoint });
 */
export async function startLocalSqs(options: { port?: number } = {}): Promise<LocalSqs> {
  const port = options.port ?? (await freePort());
  return startChildService({
    name: 'local SQS',
    command: process.execPath,
    args: [fauxqsCli()],
    env: { ...process.env, FAUXQS_PORT: String(port), FAUXQS_HOST: '127.0.0.1' },
    port,
    startTimeoutMs: 30_000,
  });
}
