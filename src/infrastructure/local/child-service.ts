import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { waitFor } from './free-port';

/** An emulator running as a child process, listening on a loopback port. */
export interface ChildService {
  readonly endpoint: string;
  readonly port: number;
  /** The child's process id (undefined when the platform gave none). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/** How to start one: the command, where, and the port it will listen on. */
export interface ChildServiceSpec {
  /** Used in error messages, e.g. "DynamoDB Local". */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly port: number;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly startTimeoutMs: number;
  /** Added to the error when the command cannot be run at all (e.g. "is Java 17 installed?"). */
  readonly missingHint?: string;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(socket.destroy() === socket));
    socket.once('error', () => resolve(false));
  });
}

/** SIGTERM, then SIGKILL after 5 s; resolves when the process has exited. */
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
 * Starts a child process and waits until its port accepts connections; fails with its last stderr output when
 * it exits first. The child is killed when this process exits, so none is left behind.
 */
export async function startChildService(spec: ChildServiceSpec): Promise<ChildService> {
  const child = spawn(spec.command, [...spec.args], {
    cwd: spec.cwd,
    env: spec.env,
    // Standard input stays an open pipe that only this process holds: the child sees it end when this process is
    // gone, however it ended, and exits (DynamoDB Local's launcher and the SQS launcher watch it).
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`${spec.name} exited (${code}): ${stderr}`)));
    child.once('error', (error) =>
      reject(
        new Error(
          `${spec.name} could not start${spec.missingHint ? ` (${spec.missingHint})` : ''}: ${error.message}`,
        ),
      ),
    );
  });
  exited.catch(() => undefined);
  const { port } = spec;
  await Promise.race([
    waitFor(() => portOpen(port), `${spec.name} on port ${port}`, spec.startTimeoutMs),
    exited,
  ]);
  process.once('exit', () => child.kill('SIGKILL'));
  return { endpoint: `http://127.0.0.1:${port}`, port, pid: child.pid, stop: () => stopProcess(child) };
}
