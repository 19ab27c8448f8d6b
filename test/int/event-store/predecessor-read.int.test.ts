import fc from 'fast-check';
import { useDynamoDbFixture } from '../../support/dynamodb-fixture';
import type { SentCommand } from '../../support/observed-client';
import { useObservedStores } from '../../support/observed-store';
import {
  appendCommit,
  newEvents,
  readWholeStream,
  uniqueStream,
  versionsUpTo,
  withFreshIds,
} from '../../support/event-store-contract';

/** What a request did: its command, and for a transaction the kinds of its items. */
function shape(request: SentCommand): string {
  const items = request.input.TransactItems as Array<Record<string, unknown>> | undefined;
  if (!items) return request.name;
  return `${request.name}(${items.map((item) => Object.keys(item)[0]).join(',')})`;
}

describe('appending fresh ids at an expected version without a predecessor: the store reads event N first', () => {
  const ddb = useDynamoDbFixture({ tablePrefix: 'pred-read-' });
  const storeWith = useObservedStores(ddb);

  it('writes a single event as a strongly consistent GetItem of event N and one conditional PutItem', async () => {
    const { store, requests } = storeWith();
    const stream = uniqueStream();
    await store.commit(appendCommit(stream, 0, newEvents(3)));
    const before = requests.length;
    await store.commit(withFreshIds(appendCommit(stream, 3, newEvents(1))));
    const sent = requests.slice(before);
    expect(sent.map(shape)).toEqual(['GetItemCommand', 'PutItemCommand']);
    expect(sent[0]!.input).toMatchObject({
      ConsistentRead: true,
      Key: { streamId: { S: stream }, version: { N: '3' } },
    });
    expect((await readWholeStream(store, stream)).map((e) => e.version)).toEqual(versionsUpTo(4));
  });

  it('writes several events, over several streams, as one transaction of puts with no check item', async () => {
    const { store, requests } = storeWith();
    const [a, b, c] = [uniqueStream(), uniqueStream(), uniqueStream()];
    await store.commit(appendCommit(a, 0, newEvents(2)));
    await store.commit(appendCommit(c, 0, newEvents(1)));
    const before = requests.length;
    const commit = {
      commitId: crypto.randomUUID(),
      streams: [
        { streamId: a, expectedVersion: 2, events: newEvents(3) },
        { streamId: b, expectedVersion: 0, events: newEvents(1) },
        { streamId: c, expectedVersion: 1, events: newEvents(2) },
      ],
    };
    await store.commit(withFreshIds(commit));
    const sent = requests.slice(before).map(shape);
    expect(sent).toEqual([
      'GetItemCommand',
      'GetItemCommand',
      `TransactWriteItemsCommand(${Array(6).fill('Put').join(',')})`,
    ]);
    expect((await readWholeStream(store, a)).map((e) => e.version)).toEqual(versionsUpTo(5));
    expect((await readWholeStream(store, b)).map((e) => e.version)).toEqual(versionsUpTo(1));
    expect((await readWholeStream(store, c)).map((e) => e.version)).toEqual(versionsUpTo(3));
  });

  it('refuses an expected version beyond the stream: ConcurrencyError with the actual version, nothing stored (property)', async () => {
    const { store } = storeWith();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        async (stored, beyond, count) => {
          const stream = uniqueStream();
          if (stored > 0) await store.commit(appendCommit(stream, 0, newEvents(stored)));
          const attempt = store.commit(appendCommit(stream, stored + beyond, newEvents(count)));
          await expect(attempt).rejects.toMatchObject({
            code: 'CONCURRENCY_CONFLICT',
            streamId: stream,
            expectedVersion: stored + beyond,
            actualVersion: stored,
          });
          expect((await readWholeStream(store, stream)).map((e) => e.version)).toEqual(versionsUpTo(stored));
        },
      ),
      { numRuns: 15 },
    );
  });

  it('lets exactly one of 32 writers at the same expected version append; the rest get a conflict', async () => {
    const { store } = storeWith();
    for (const size of [1, 4]) {
      const stream = uniqueStream();
      await store.commit(appendCommit(stream, 0, newEvents(2)));
      const outcomes = await Promise.allSettled(
        Array.from({ length: 32 }, () =>
          store.commit(withFreshIds(appendCommit(stream, 2, newEvents(size)))),
        ),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
        expect((outcome as PromiseRejectedResult).reason).toMatchObject({
          code: 'CONCURRENCY_CONFLICT',
          expectedVersion: 2,
          actualVersion: 2 + size,
        });
      }
      expect((await readWholeStream(store, stream)).map((e) => e.version)).toEqual(versionsUpTo(2 + size));
    }
  }, 30_000);

  it('checks the limits before reading: a commit over them sends no request; with a predecessor 100 events fit', async () => {
    const { store, requests } = storeWith();
    const stream = uniqueStream();
    const { events } = await store.commit(appendCommit(stream, 0, newEvents(1)));
    const before = requests.length;
    await expect(store.commit(appendCommit(stream, 1, newEvents(100)))).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      max: 100,
      actual: 101,
    });
    expect(requests.length).toBe(before);
    const commit = appendCommit(stream, 1, newEvents(100));
    await store.commit({ ...commit, streams: [{ ...commit.streams[0]!, predecessor: events[0] }] });
    expect((await readWholeStream(store, stream)).map((e) => e.version)).toEqual(versionsUpTo(101));
  });

  it('answers a retry of a stored commit as a duplicate and stores nothing twice', async () => {
    const { store } = storeWith();
    const stream = uniqueStream();
    await store.commit(appendCommit(stream, 0, newEvents(1)));
    const commit = appendCommit(stream, 1, newEvents(2));
    const first = await store.commit(commit);
    const again = await store.commit(commit);
    expect(again).toMatchObject({
      duplicate: true,
      commitId: first.commitId,
      committedAt: first.committedAt,
    });
    expect(await readWholeStream(store, stream)).toHaveLength(3);
  });
});
