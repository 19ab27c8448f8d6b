import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { waitFor } from '../../src/infrastructure/local/free-port';

const root = join(__dirname, '..', '..');

/** The local runtime started as a process group of its own. */
export interface RuntimeProcess {
  /** The process at the head of the group: npm, or the runtime's node. */
  readonly child: ChildProcess;
  /** Everything the group printed so far, standard output and error together. */
  output(): string;
  /** Resolves with the head's exit code once it has exited. */
  readonly exited: Promise<number | null>;
  /** Milliseconds from the spawn until the runtime printed that it is ready. */
  readonly readyMs: number;
}

/** How to start the runtime. */
export interface RuntimeStart {
  /** `npm` runs `npm start` as a developer does (default); `node` runs the start script with no npm in front. */
  readonly via?: 'npm' | 'node';
  /** How long it may take to be ready; default 120 s. */
  readonly readyWithinMs?: number;
}

/** Sends a signal to the process group of `child`; does nothing when the group is gone. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

function spawnGroup(args: readonly string[], via: 'npm' | 'node'): ChildProcess {
  const [command, prefix] =
    via === 'npm'
      ? ['npm', ['start', '--silent', '--']]
      : [process.execPath, ['--max-semi-space-size=2', 'scripts/start.js']];
  return spawn(command, [...prefix, ...args], {
    cwd: root,
    detached: true,
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Starts the local runtime with these arguments (`--port`, `--data-dir`, `--in-memory` ...) in a process group
 * of its own, so that a test can signal or kill all of it, and waits until it prints that it is ready. When it
 * exits or is not ready in time, kills the group and throws with what it printed.
 * @example
 * const runtime = await startRuntimeProcess(['--in-memory', '--port', String(await freePort())]);
 * signalGroup(runtime.child, 'SIGINT');
 */
export async function startRuntimeProcess(
  args: readonly string[],
  { via = 'npm', readyWithinMs = 120_000 }: RuntimeStart = {},
): Promise<RuntimeProcess> {
  const began = performance.now();
  const child = spawnGroup(args, via);
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = () => text.includes('ready in');
  await waitFor(
    async () => ready() || child.exitCode !== null,
    `the runtime (${via} start) to be ready`,
    readyWithinMs,
  ).catch(() => undefined);
  if (!ready()) {
    signalGroup(child);
    throw new Error(`the runtime (${via} start) did not get ready:\n${text}`);
  }
  return { child, output: () => text, exited, readyMs: performance.now() - began };
}
