import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { freePort, waitFor } from './free-port';

/** A running DynamoDB Local (AWS's own jar, from the npm package amplify-dynamodb-simulator). */
export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Options: a folder to persist to (in memory when absent), a port (a free one when absent). */
export interface DynamoDbLocalOptions {
  readonly dataDir?: string;
  readonly port?: number;
}

function emulatorDir(): string {
  return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
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
 * Starts DynamoDB Local on a free port with Java 17 and waits until it accepts connections.
 * @example
 * const ddb = await startDynamoDbLocal();
 * try { ... } finally { await ddb.stop(); }
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  const storage = options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory'];
  const cwd = emulatorDir();
  const args = ['-Xmx1g', '-Djava.library.path=./DynamoDBLocal_lib', '-jar', 'DynamoDBLocal.jar'];
  const child = spawn('java', [...args, ...storage, '-port', String(port), '-sharedDb'], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited (${code}): ${stderr}`)));
    child.once('error', (error) =>
      reject(new Error(`DynamoDB Local could not start (is Java 17 installed?): ${error.message}`)),
    );
  });
  exited.catch(() => undefined);
  await Promise.race([waitFor(() => portOpen(port), `DynamoDB Local on port ${port}`, 60_000), exited]);
  const stop = () => stopProcess(child);
  process.once('exit', () => child.kill('SIGKILL'));
  return { endpoint: `http://127.0.0.1:${port}`, port, stop };
}
