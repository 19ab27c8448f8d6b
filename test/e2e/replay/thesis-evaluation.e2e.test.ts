import type { ReplayStatus } from '../../../src/application/replay/replay-status';
import type { StoredEvent } from '../../../src/domain/stored-event';
import { waitFor } from '../../../src/infrastructure/local/free-port';
import { counted } from './counters';
import { startPipeline, type Pipeline } from './pipeline-harness';
import { eventsPerShard, sortedKeys, thesisCompare, versionBreaks } from './stream-reading';

/**
 * The evaluation of the thesis (ch. 7), on the local runtime: 10,000 events with ascending aggregate ids are
 * published, stored and read from the projection stream in order; then the three replay modes each deliver
 * their events completely and in order. Its order across aggregates is commit-time order, which the store keeps
 * for replays only with its opt-in time index (without it a replay keeps each aggregate's order only), so the
 * evaluation runs with one.
 */
const EVENTS = 10_000;
const PER_COMMIT = 100;
const SOLO = 'Thesis#10001';

let p: Pipeline;
const stored: StoredEvent[] = [];
const measured: Record<string, number | string> = {};
const idOf = (e: StoredEvent) => Number(e.streamId.split('#')[1]);
const streamOf = (n: number) => `Thesis#${String(n).padStart(5, '0')}`;

async function replay(
  kind: string,
  start: () => Promise<string>,
): Promise<{ status: ReplayStatus; events: StoredEvent[][] }> {
  const began = Date.now();
  const replayId = await start();
  await waitFor(
    async () => (await p.replays.status(replayId)).state !== 'RUNNING',
    `replay ${kind}`,
    120_000,
  );
  const status = await p.replays.status(replayId);
  measured[`replay ${kind}: ms`] = Date.now() - began;
  measured[`replay ${kind}: events / pages / executions`] =
    `${status.eventsPublished} / ${status.pages} / ${status.executions}`;
  return {
    status,
    events: [...(await eventsPerShard(p.kinesis, p.ddb.config.replayStream, replayId)).values()],
  };
}

beforeAll(async () => {
  p = await startPipeline({ shards: 4, consumers: false, timeIndexShards: 8 });
}, 90_000);

afterAll(async () => {
  console.log(`thesis evaluation, measured:\n${JSON.stringify(measured, null, 2)}`);
  await p?.stop();
}, 30_000);

describe('the thesis evaluation (ch. 7) on the local runtime', () => {
  it('stores 10,000 events with ascending aggregate ids in publishing order', async () => {
    const began = Date.now();
    for (let c = 0; c < EVENTS / PER_COMMIT; c++) {
      const streams = Array.from({ length: PER_COMMIT }, (_, i) => {
        const n = c * PER_COMMIT + i + 1;
        return { streamId: streamOf(n), expectedVersion: 0, events: [counted(n)] };
      });
      stored.push(...(await p.events.commit({ commitId: `thesis-${c}`, streams })).events);
    }
    measured['write 10,000 events in 100-event commits: ms'] = Date.now() - began;
    const read: StoredEvent[] = [];
    let after;
    do {
      const page = await p.events.readAll({ after, limit: 1_000 });
      read.push(...page.events);
      after = page.next;
    } while (after);
    expect(read).toHaveLength(EVENTS);
    expect(thesisCompare(read, idOf)).toEqual([]);
  }, 180_000);

  it('delivers every event to the projection stream, in order per shard and per aggregate', async () => {
    const began = Date.now();
    let perShard = new Map<string, StoredEvent[]>();
    await waitFor(
      async () => {
        perShard = await eventsPerShard(p.kinesis, p.ddb.config.projectionStream);
        return [...perShard.values()].flat().length >= EVENTS;
      },
      'all events on the projection stream',
      180_000,
    );
    measured['forwarder: all 10,000 on the projection stream after: ms'] = Date.now() - began;
    const all = [...perShard.values()].flat();
    expect(sortedKeys(all)).toEqual(sortedKeys(stored));
    for (const events of perShard.values()) expect(thesisCompare(events, idOf)).toEqual([]);
    measured['projection stream: events per shard'] = [...perShard.values()].map((e) => e.length).join(', ');
  }, 200_000);

  it('replays all events completely and in order', async () => {
    const solo = Array.from({ length: 50 }, (_, i) => counted(EVENTS + 1 + i));
    stored.push(
      ...(
        await p.events.commit({
          commitId: 'solo',
          streams: [{ streamId: SOLO, expectedVersion: 0, events: solo }],
        })
      ).events,
    );
    const { status, events } = await replay('all', () => p.replays.start({ kind: 'all' }));
    expect(status).toMatchObject({ state: 'SUCCEEDED', eventsPublished: stored.length });
    expect(sortedKeys(events.flat())).toEqual(sortedKeys(stored));
    for (const shard of events) {
      expect(thesisCompare(shard, idOf)).toEqual([]);
      expect(versionBreaks(shard)).toEqual([]);
    }
  }, 180_000);

  it('replays the events since the timestamp of the 5,000th event, completely and in order', async () => {
    const since = (stored[4_999] as StoredEvent).committedAt;
    const expected = stored.filter((e) => e.committedAt >= since);
    const { status, events } = await replay('since', () => p.replays.start({ kind: 'since', since }));
    measured['replay since: expected events'] = expected.length;
    expect(status).toMatchObject({ state: 'SUCCEEDED', eventsPublished: expected.length });
    expect(sortedKeys(events.flat())).toEqual(sortedKeys(expected));
    for (const shard of events) expect(thesisCompare(shard, idOf)).toEqual([]);
  }, 180_000);

  it('replays the 50 events of one aggregate in version order', async () => {
    const { status, events } = await replay('aggregate', () =>
      p.replays.start({ kind: 'aggregate', streamId: SOLO }),
    );
    expect(status).toMatchObject({ state: 'SUCCEEDED', eventsPublished: 50, pages: 1 });
    expect(events.flat().map((e) => e.version)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  }, 60_000);
});
