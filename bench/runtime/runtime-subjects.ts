import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../../src/infrastructure/local/dynamodb-local';
import { freePort, waitFor } from '../../src/infrastructure/local/free-port';
import { type ProcessRss, processTreeRss } from '../lib/process-tree';

/** A started subject: how long it took to be ready, its process tree's resident set, and how to stop it. */
export interface StartedSubject {
  readonly readyMs: number;
  rss(): ProcessRss[];
  stop(): Promise<void>;
}

const root = join(__dirname, '..', '..');

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/** Stops `npm start` as Ctrl-C does (SIGINT to its group), and kills the group if it is not gone in 30 s. */
async function stopNpm(npm: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
  if (npm.exitCode !== null) return;
  signalGroup(npm, 'SIGINT');
  await waitFor(
    async () => npm.exitCode !== null || npm.signalCode !== null,
    'npm start to stop',
    30_000,
  ).catch(() => signalGroup(npm, 'SIGKILL'));
  await exited;
}

/**
 * `npm start` on a free port with a fresh data folder, timed from the spawn until it prints that it is ready
 * (what a developer waits for). Its tree is npm, the runtime's node, DynamoDB Local's JVM and the SQS child.
 */
export async function startNpmRuntime(): Promise<StartedSubject> {
  const dataDir = mkdtempSync(join(tmpdir(), 'eventfold-bench-runtime-'));
  const port = await freePort();
  const started = performance.now();
  const npm = spawn('npm', ['start', '--silent', '--', '--data-dir', dataDir, '--port', String(port)], {
    cwd: root,
    detached: true,
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  npm.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  npm.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const cleanUp = async () => {
    await stopNpm(npm);
    rmSync(dataDir, { recursive: true, force: true });
  };
  await waitFor(async () => text.includes('ready in') || npm.exitCode !== null, 'npm start', 120_000).catch(
    () => undefined,
  );
  const readyMs = performance.now() - started;
  if (!text.includes('ready in')) {
    await cleanUp();
    throw new Error(`npm start did not get ready:\n${text}`);
  }
  return { readyMs, rss: () => processTreeRss(npm.pid!), stop: cleanUp };
}

/** DynamoDB Local alone, as the runtime starts it (same jar, JVM flags and data-folder mode), timed until it accepts. */
export async function startDynamoDbLocalAlone(): Promise<StartedSubject> {
  const dataDir = mkdtempSync(join(tmpdir(), 'eventfold-bench-ddb-'));
  const started = performance.now();
  const local = await startDynamoDbLocal({ dataDir });
  const readyMs = performance.now() - started;
  return {
    readyMs,
    rss: () => processTreeRss(local.pid!),
    stop: async () => {
      await local.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
