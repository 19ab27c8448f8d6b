import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '../domain/stored-event';
import {
  appendCommit,
  compareCommitTime,
  inCommitTimeOrder,
  inStreamOrder,
  newEvents,
  readAllEvents,
  readWholeStream,
  uniqueStream,
  versionsUpTo,
} from './event-store-fixtures';
import type { MakeEventStore } from './event-store-contract';
import { testRunnerGlobals } from './test-runner-globals';

/**
 * The contract's cases on reads: ranges of a stream, the global order, time and large events. `readAll` must give
 * every event once, each stream in version order; in commit-time order across streams only when `commitTimeOrder`.
 */
export function readCases(
  name: string,
  makeStore: MakeEventStore,
  heavy: number,
  commitTimeOrder = true,
): void {
  const { it, expect } = testRunnerGlobals();
  const order = commitTimeOrder ? 'in commit-time order' : 'each stream in version order';
  const inOrder = (events: readonly StoredEvent[]) =>
    inStreamOrder(events) && (!commitTimeOrder || inCommitTimeOrder(events));
  it('reads a stream from and up to a version', async () => {
    const store = await makeStore();
    const streamId = uniqueStream();
    await store.commit(appendCommit(streamId, 0, newEvents(6)));
    const versions: number[] = [];
    for await (const e of store.readStream(streamId, { fromVersion: 3, toVersion: 5 }))
      versions.push(e.version);
    expect(versions).toEqual([3, 4, 5]);
    expect(await readWholeStream(store, uniqueStream())).toEqual([]);
  });

  it(
    `reads all events of 1,000 streams ${order}, nothing missing, page by page`,
    async () => {
      const store = await makeStore();
      const streams = Array.from({ length: 1000 }, () => uniqueStream('Order'));
      const written: StoredEvent[] = [];
      const batches = Array.from({ length: 40 }, (_, i) => streams.slice(i * 25, i * 25 + 25));
      for (const round of [0, 1]) {
        for (let i = 0; i < batches.length; i += 4) {
          const results = await Promise.all(
            batches.slice(i, i + 4).map((batch) =>
              store.commit({
                commitId: randomUUID(),
                streams: batch.map((streamId) => ({
                  streamId,
                  expectedVersion: round,
                  events: newEvents(1),
                })),
              }),
            ),
          );
          written.push(...results.flatMap((r) => r.events));
        }
      }
      const { events, pages } = await readAllEvents(store, { limit: 300 });
      expect(events.length).toBe(2000);
      expect(inOrder(events)).toBe(true);
      expect(new Set(events.map((e) => e.eventId))).toEqual(new Set(written.map((e) => e.eventId)));
      expect(pages).toBeGreaterThanOrEqual(7);
    },
    heavy,
  );

  it('reads exactly the events committed at or after a time', async () => {
    const store = await makeStore();
    const results = [];
    for (let i = 0; i < 12; i++)
      results.push(await store.commit(appendCommit(uniqueStream(), 0, newEvents(2))));
    const since = results[5]!.committedAt;
    const expected = results.flatMap((r) => r.events).filter((e) => e.committedAt >= since);
    const { events } = await readAllEvents(store, { limit: 5, since });
    const inCommitTime = (list: readonly StoredEvent[]) =>
      [...list].sort(compareCommitTime).map((e) => e.eventId);
    expect(inCommitTime(events)).toEqual(inCommitTime(expected));
    expect(inOrder(events)).toBe(true);
    expect(events.every((e) => e.committedAt >= since)).toBe(true);
  });

  it(
    'reads a stream and all events across storage pages of large events',
    async () => {
      const store = await makeStore();
      const streamId = uniqueStream();
      const payload = { blob: 'x'.repeat(100_000) };
      for (let version = 0; version < 40; version += 20) {
        await store.commit(appendCommit(streamId, version, newEvents(20, payload)));
      }
      const stored = await readWholeStream(store, streamId);
      expect(stored.map((e) => e.version)).toEqual(versionsUpTo(40));
      expect(stored.every((e) => e.data.blob === payload.blob)).toBe(true);
      const { events } = await readAllEvents(store, { limit: 40 });
      expect(events.map((e) => e.version)).toEqual(stored.map((e) => e.version));
      const small = await store.readAll({ limit: 40, maxBytes: 350_000 });
      expect(small.events.length).toBe(3);
      expect(small.next).toMatchObject({ streamId, version: 3 });
    },
    heavy,
  );
}
