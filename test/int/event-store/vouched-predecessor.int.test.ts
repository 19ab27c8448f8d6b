import fc from 'fast-check';
import type { StoredEvent } from '../../../src/domain/stored-event';
import { useDynamoDbFixture } from '../../support/dynamodb-fixture';
import { commandNames, eventWrites } from '../../support/observed-client';
import { useObservedStores } from '../../support/observed-store';
import {
  appendCommit,
  newEvents,
  readWholeStream,
  uniqueStream,
  versionsUpTo,
} from '../../support/event-store-contract';

describe('appending after a predecessor the DynamoDB store read or wrote itself', () => {
  const ddb = useDynamoDbFixture({ tablePrefix: 'vouched-' });
  const storeWith = useObservedStores(ddb);

  const lastOf = (events: readonly StoredEvent[]) => events[events.length - 1]!;

  it('writes a single event with one conditional PutItem instead of a transaction, versions contiguous', async () => {
    const { store, requests } = storeWith();
    const stream = uniqueStream();
    let head = lastOf((await store.commit(appendCommit(stream, 0, newEvents(1)))).events);
    for (let version = 1; version < 20; version++) {
      const commit = appendCommit(stream, version, newEvents(1));
      const result = await store.commit({
        ...commit,
        streams: [{ ...commit.streams[0]!, predecessor: head, freshEventIds: true }],
      });
      head = lastOf(result.events);
    }
    expect(eventWrites(requests)).toEqual(Array.from({ length: 20 }, () => 'PutItemCommand'));
    expect((await readWholeStream(store, stream)).map((e) => e.version)).toEqual(versionsUpTo(20));
  });

  it('vouches for events read with readStream too: no read of the predecessor before writing', async () => {
    const { store, requests } = storeWith();
    const stream = uniqueStream();
    await store.commit(appendCommit(stream, 0, newEvents(3)));
    const head = lastOf(await readWholeStream(store, stream));
    const before = requests.length;
    const commit = appendCommit(stream, 3, newEvents(1));
    const append = { ...commit.streams[0]!, predecessor: head, freshEventIds: true };
    await store.commit({ ...commit, streams: [append] });
    expect(commandNames(requests.slice(before))).toEqual(['PutItemCommand']);
  });

  /** Ways a predecessor can fail to be proof: not this store's object, changed, or for another position. */
  const forgeries = fc.constantFrom<(real: StoredEvent, other: StoredEvent) => StoredEvent>(
    (real) => ({ ...real, version: real.version + 3 }),
    (real) => Object.assign(real, { version: real.version + 3 }),
    (real, other) => Object.assign(other, { streamId: real.streamId, version: real.version + 3 }),
    (real) => JSON.parse(JSON.stringify({ ...real, version: real.version + 3 })) as StoredEvent,
  );

  it('refuses a gap when the predecessor is forged, changed or from another store (property)', async () => {
    const { store } = storeWith();
    const other = storeWith().store;
    await fc.assert(
      fc.asyncProperty(forgeries, fc.integer({ min: 1, max: 3 }), async (forge, count) => {
        const stream = uniqueStream();
        const real = lastOf((await store.commit(appendCommit(stream, 0, newEvents(2)))).events);
        const elsewhere = lastOf((await other.commit(appendCommit(uniqueStream(), 0, newEvents(1)))).events);
        const forged = forge(real, elsewhere);
        const commit = appendCommit(stream, 5, newEvents(count));
        const attempt = store.commit({
          ...commit,
          streams: [{ ...commit.streams[0]!, predecessor: forged }],
        });
        await expect(attempt).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT', actualVersion: 2 });
        expect((await readWholeStream(store, stream)).map((e) => e.version)).toEqual([1, 2]);
      }),
      { numRuns: 12 },
    );
  });

  it('lets exactly one of 32 writers holding the same head append; the rest get a conflict', async () => {
    const { store } = storeWith();
    for (let run = 0; run < 3; run++) {
      const stream = uniqueStream();
      const head = lastOf((await store.commit(appendCommit(stream, 0, newEvents(1)))).events);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 32 }, () => {
          const commit = appendCommit(stream, 1, newEvents(1));
          const append = { ...commit.streams[0]!, predecessor: head, freshEventIds: true };
          return store.commit({ ...commit, streams: [append] });
        }),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
        expect((outcome as PromiseRejectedResult).reason).toMatchObject({ code: 'CONCURRENCY_CONFLICT' });
      }
      expect((await readWholeStream(store, stream)).map((e) => e.version)).toEqual([1, 2]);
    }
  }, 30_000);

  it('never commits before its predecessor, even when this writer clock is behind', async () => {
    let now = new Date('2026-11-22T12:00:05.000Z');
    const { store } = storeWith(() => now);
    const stream = uniqueStream();
    const head = lastOf((await store.commit(appendCommit(stream, 0, newEvents(1)))).events);
    now = new Date('2026-11-22T12:00:01.000Z');
    const commit = appendCommit(stream, 1, newEvents(1));
    const result = await store.commit({ ...commit, streams: [{ ...commit.streams[0]!, predecessor: head }] });
    expect(result.committedAt).toBe('2026-11-22T12:00:05.000Z');
  });

  it('answers a retry of a fast-path commit as a duplicate and stores nothing twice', async () => {
    const { store } = storeWith();
    const stream = uniqueStream();
    const head = lastOf((await store.commit(appendCommit(stream, 0, newEvents(1)))).events);
    const commit = appendCommit(stream, 1, newEvents(1));
    const vouched = { ...commit, streams: [{ ...commit.streams[0]!, predecessor: head }] };
    const first = await store.commit(vouched);
    const again = await store.commit(vouched);
    expect(again).toMatchObject({ duplicate: true, commitId: first.commitId });
    expect(await readWholeStream(store, stream)).toHaveLength(2);
  });
});
