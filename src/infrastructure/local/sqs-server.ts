import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, waitFor } from './free-port';

/** A local SQS endpoint (the npm emulator fauxqs, which speaks the AWS JSON protocol of SDK v3 SQS). */
export interface LocalSqs {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** The emulator's CLI; found on the module search path, since its package exports neither it nor package.json. */
function fauxqsCli(): string {
  for (const dir of require.resolve.paths('fauxqs') ?? []) {
    const cli = join(dir, 'fauxqs', 'dist', 'cli.js');
    if (existsSync(cli)) return cli;
  }
  throw new Error('the local SQS emulator (npm package fauxqs) is not installed');
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(socket.destroy() === socket));
    socket.once('error', () => resolve(false));
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
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
  const child = spawn(process.execPath, [fauxqsCli()], {
    env: { ...process.env, FAUXQS_PORT: String(port), FAUXQS_HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`local SQS exited (${code}): ${stderr}`)));
    child.once('error', (error) => reject(new Error(`local SQS could not start: ${error.message}`)));
  });
  exited.catch(() => undefined);
  await Promise.race([waitFor(() => portOpen(port), `local SQS on port ${port}`, 30_000), exited]);
  process.once('exit', () => child.kill('SIGKILL'));
  return { endpoint: `http://127.0.0.1:${port}`, port, stop: () => stopProcess(child) };
}
