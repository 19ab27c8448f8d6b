import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../../src/infrastructure/local/dynamodb-local';
import { freePort, waitFor } from '../../src/infrastructure/local/free-port';
import { type RuntimeProcess, signalGroup, startRuntimeProcess } from '../../test/support/runtime-process';
import { type ProcessRss, processTreeRss } from '../lib/process-tree';

/** A started subject: how long it took to be ready, its process tree's resident set, and how to stop it. */
export interface StartedSubject {
  readonly readyMs: number;
  rss(): ProcessRss[];
  stop(): Promise<void>;
}

/** Stops `npm start` as Ctrl-C does (SIGINT to its group), and kills the group if it is not gone in 30 s. */
async function stopNpm({ child: npm, exited }: RuntimeProcess): Promise<void> {
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
  const removeData = () => rmSync(dataDir, { recursive: true, force: true });
  const port = await freePort();
  const npm = await startRuntimeProcess(['--data-dir', dataDir, '--port', String(port)]).catch((error) => {
    removeData();
    throw error;
  });
  const stop = async () => {
    await stopNpm(npm);
    removeData();
  };
  return { readyMs: npm.readyMs, rss: () => processTreeRss(npm.child.pid!), stop };
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
