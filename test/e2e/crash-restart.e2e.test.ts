import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/infrastructure/local/free-port';
import { type RuntimeProcess, signalGroup, startRuntimeProcess } from '../support/runtime-process';
import { CrashLedger, type LedgerCheck, orderEvent, type PublishedEvent } from './support/crash-ledger';
import { ApiClient } from './support/runtime-fixture';

/** Kills in `npm test`; EVENTFOLD_CRASH_KILLS=50 (npm run test:crash) is the long form. */
const KILLS = Number(process.env.EVENTFOLD_CRASH_KILLS ?? 5);
const WRITERS = 4;
const STREAMS_PER_WRITER = 3;
/** The local runtime as `npm start` runs it, without npm in front. */
const startRuntime = (dataDir: string, port: number) =>
  startRuntimeProcess(['--data-dir', dataDir, '--port', String(port)], { via: 'node' });

/** One commit: 2 to 12 events on one stream, or 1 to 4 events on each of 2 or 3 streams. */
function nextCommit(
  ledger: CrashLedger,
  streams: readonly string[],
  ids: { next: number },
): PublishedEvent[] {
  const multiStream = Math.random() < 0.5;
  const chosen = multiStream
    ? streams.slice(0, 2 + Math.floor(Math.random() * 2))
    : [streams[ids.next % streams.length]!];
  return chosen.flatMap((streamId) => {
    const count = multiStream ? 1 + Math.floor(Math.random() * 4) : 2 + Math.floor(Math.random() * 11);
    const from = ledger.versionOf(streamId);
    return Array.from({ length: count }, (_, i) =>
      orderEvent(streamId, from + i + 1, `ev-${streamId.slice(6)}-${ids.next++}`),
    );
  });
}

/**
 * Writers commit until the runtime dies; the one whose acknowledgement reaches the round's threshold kills the
 * runtime's process group with SIGKILL the moment that answer arrives, while the others' commits are in flight.
 */
async function loadUntilKilled(api: ApiClient, runtime: RuntimeProcess, ledger: CrashLedger, round: number) {
  const killAfter = 5 + Math.floor(Math.random() * 20);
  let acknowledged = 0;
  const writer = async (w: number) => {
    const streams = Array.from({ length: STREAMS_PER_WRITER }, (_, j) => `Order#crash-w${w}-s${j}`);
    const ids = { next: round * 100_000 + 1 };
    for (;;) {
      const events = nextCommit(ledger, streams, ids);
      const commitId = `commit-r${round}-w${w}-${ids.next}`;
      ledger.attempt(events);
      const answer = await api.post('/events/batch', { commitId, events }).catch(() => undefined);
      if (!answer) return; // the runtime is gone: this commit's outcome is unknown
      if (answer.status !== 201)
        throw new Error(`commit answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      ledger.acknowledge(commitId, events);
      if (++acknowledged === killAfter) signalGroup(runtime.child);
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
  return killAfter;
}

describe('the local runtime killed mid-write', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'eventfold-crash-'));
  let runtime: RuntimeProcess | undefined;

  afterAll(() => {
    if (runtime) signalGroup(runtime.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    `keeps every acknowledged commit across ${KILLS} SIGKILLs of its process group, versions contiguous`,
    async () => {
      const port = await freePort();
      const api = new ApiClient(`http://127.0.0.1:${port}`);
      const ledger = new CrashLedger();
      const checks: LedgerCheck[] = [];
      runtime = await startRuntime(dataDir, port);
      for (let round = 0; round < KILLS; round++) {
        await loadUntilKilled(api, runtime, ledger, round);
        await runtime.exited;
        runtime = await startRuntime(dataDir, port);
        checks.push(await ledger.check(api));
      }
      const lost = checks.flatMap((c) => c.lostCommits);
      console.log(
        `crash test: ${KILLS} kills, ${ledger.acknowledgedCommits} commits (${ledger.acknowledgedEvents} events) ` +
          `acknowledged; lost after restart: ${checks.map((c) => `${c.lostCommits.length}/${c.lostEvents}`).join(', ')} ` +
          '(commits/events per kill)',
      );
      expect(checks.flatMap((c) => c.problems)).toEqual([]);
      expect(lost).toEqual([]);
      signalGroup(runtime.child);
    },
    60_000 + KILLS * 120_000,
  );
});
