import { DescribeTableCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Commit } from '../../../src/domain/ports';
import {
  DynamoDbEventStore,
  itemSize,
  MAX_ITEM_BYTES,
  TRANSACTION_LIMITS,
} from '../../../src/infrastructure/dynamodb/event-store';
import { EventsTableKeys, TimeIndex } from '../../../src/infrastructure/dynamodb/tables';
import { freshTableMaker, useDynamoDbFixture } from '../../support/dynamodb-fixture';
import {
  appendCommit,
  compareCommitTime,
  inCommitTimeOrder,
  newEvents,
  readAllEvents,
  readWholeStream,
  uniqueStream,
} from '../../support/event-store-contract';

describe('DynamoDbEventStore specifics on DynamoDB Local', () => {
  const ddb = useDynamoDbFixture({ tablePrefix: 'specifics-' });
  const freshTables = freshTableMaker(ddb, 's');

  async function freshStore(shards = 4, clock?: () => Date) {
    return new DynamoDbEventStore(ddb().client, { ...(await freshTables()), timeIndexShards: shards, clock });
  }

  /** Pads an item with a string attribute so that its computed size is exactly `target` bytes. */
  function padTo(values: Record<string, unknown>, target: number) {
    const base = marshall(
      { pk: 'size', sk: randomUUID(), ...values, pad: '' },
      { removeUndefinedValues: true },
    );
    return { ...base, pad: { S: 'p'.repeat(target - itemSize(base)) } };
  }

  async function accepted(item: Record<string, unknown>): Promise<boolean> {
    const put = new PutItemCommand({ TableName: ddb().config.controlTable, Item: item as never });
    return ddb()
      .client.send(put)
      .then(() => true)
      .catch((error: Error) => {
        if (!/Item size has exceeded/.test(error.message)) throw error;
        return false;
      });
  }

  /** Numbers the SDK can marshal (no integers beyond 2^53) and DynamoDB can hold (magnitudes 1e-130 to 1e125). */
  const safeDouble = fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .filter((n) => !Number.isInteger(n) || Number.isSafeInteger(n))
    .filter((n) => n === 0 || (Math.abs(n) > 1e-129 && Math.abs(n) < 1e125));
  // Attribute names: not the item's own key and padding, and not `constructor` or `__proto__`, with which the
  // plain object handed to `marshall` would not be one (it refuses an object whose `constructor` is a string).
  const attributeName = fc
    .string({ minLength: 1, maxLength: 12 })
    .filter((name) => !['pk', 'sk', 'pad', 'constructor', '__proto__'].includes(name));
  const attributeValues = fc.dictionary(
    attributeName,
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.integer(),
      safeDouble,
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.string({ maxLength: 5 })), {
        maxLength: 4,
      }),
      fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), safeDouble, {
        maxKeys: 3,
      }),
    ),
    { maxKeys: 6 },
  );

  it('refuses data or metadata with an empty key anywhere (DynamoDB cannot store it) before writing anything', async () => {
    const store = await freshStore();
    const withEmptyKey = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.record({ '': fc.jsonValue({ maxDepth: 1 }) }),
        fc
          .dictionary(fc.string({ minLength: 1, maxLength: 4 }), fc.constant(0), { maxKeys: 2 })
          .chain((rest) => tie('value').map((inner) => ({ ...rest, nested: inner }))),
        tie('value').map((inner) => ({ list: [1, inner] })),
      ),
    })).value as fc.Arbitrary<Record<string, unknown>>;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(withEmptyKey, fc.boolean(), async (bad, inMetadata) => {
        n += 1;
        const streamId = `Empty#${n}`;
        const event = { eventId: randomUUID(), type: 'T', schemaVersion: 1, data: inMetadata ? {} : bad };
        const commit: Commit = {
          commitId: randomUUID(),
          streams: [
            { streamId, expectedVersion: 0, events: [inMetadata ? { ...event, metadata: bad } : event] },
          ],
        };
        await expect(store.commit(commit)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
        const stored = [];
        for await (const e of store.readStream(streamId)) stored.push(e);
        expect(stored).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('computes item sizes exactly as DynamoDB does: 400 KB fits, one byte more is refused', async () => {
    await fc.assert(
      fc.asyncProperty(attributeValues, async (values) => {
        expect(await accepted(padTo(values, MAX_ITEM_BYTES))).toBe(true);
        expect(await accepted(padTo(values, MAX_ITEM_BYTES + 1))).toBe(false);
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('stores an event item of exactly 400 KB and refuses one byte more before writing anything', async () => {
    const store = await freshStore();
    const streamId = uniqueStream();
    const probe = await store.commit(appendCommit(uniqueStream(), 0, newEvents(1, { blob: '' })));
    const itemOf = async (blob: string) =>
      itemSize(
        marshall({
          ...probe.events[0]!,
          streamId,
          data: { blob },
          timeBucket: '0000-00-00T00#00',
          timePosition: `${probe.committedAt}!${streamId}!0000000001`,
        }),
      );
    const fill = 'y'.repeat(MAX_ITEM_BYTES - (await itemOf('')));
    const exact = appendCommit(streamId, 0, [
      { ...probe.events[0]!, eventId: randomUUID(), data: { blob: fill } },
    ]);
    const tooBig = appendCommit(uniqueStream(), 0, [
      { ...probe.events[0]!, eventId: randomUUID(), data: { blob: `${fill}y` } },
    ]);
    await expect(store.commit(tooBig)).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'event item size in bytes',
      max: MAX_ITEM_BYTES,
      actual: MAX_ITEM_BYTES + 1,
    });
    expect(await readWholeStream(store, tooBig.streams[0]!.streamId)).toEqual([]);
    await store.commit(exact);
    expect((await readWholeStream(store, streamId))[0]?.data.blob).toBe(fill);
  });

  it('never lets DynamoDB refuse a commit for its size: a commit is stored whole or refused with the limit named', async () => {
    const store = await freshStore();
    const shape = fc.record({
      existing: fc.boolean(),
      events: fc.integer({ min: 1, max: 110 }),
      kilobytes: fc.constantFrom(0, 30, 45, 395, 405),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(shape, { minLength: 1, maxLength: 2 }), async (shapes) => {
        const streams = [];
        for (const s of shapes) {
          const streamId = uniqueStream();
          if (s.existing) await store.commit(appendCommit(streamId, 0, newEvents(1)));
          const blob = 'z'.repeat(s.kilobytes * 1024);
          streams.push({
            streamId,
            expectedVersion: s.existing ? 1 : 0,
            events: newEvents(s.events, { blob }),
          });
        }
        const commit: Commit = { commitId: randomUUID(), streams };
        const stored = await store.commit(commit).then(
          () => true,
          (error: { code?: string; limit?: string }) => {
            expect(error.code).toBe('LIMIT_EXCEEDED');
            return false;
          },
        );
        for (const append of streams) {
          const expected = append.expectedVersion + (stored ? append.events.length : 0);
          expect((await readWholeStream(store, append.streamId)).length).toBe(expected);
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('names the item count and byte limits of one commit', async () => {
    const store = await freshStore();
    const existing = uniqueStream();
    await store.commit(appendCommit(existing, 0, newEvents(1)));
    await expect(store.commit(appendCommit(uniqueStream(), 0, newEvents(101)))).rejects.toMatchObject({
      limit: expect.stringContaining('items in one commit'),
      max: TRANSACTION_LIMITS.maxItems,
      actual: 101,
    });
    await expect(store.commit(appendCommit(existing, 1, newEvents(100)))).rejects.toMatchObject({
      actual: 101,
    });
    await store.commit(appendCommit(existing, 1, newEvents(99)));
    const big = newEvents(11, { blob: 'b'.repeat(390_000) });
    await expect(store.commit(appendCommit(uniqueStream(), 0, big))).rejects.toMatchObject({
      limit: 'bytes in one commit',
      max: TRANSACTION_LIMITS.maxBytes,
    });
  });

  it('spreads one hour of events over every write shard of the time index', async () => {
    const store = await freshStore(4);
    const names = (store as unknown as { options: { eventsTable: string } }).options;
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        store.commit({
          commitId: randomUUID(),
          streams: Array.from({ length: 25 }, () => ({
            streamId: uniqueStream(),
            expectedVersion: 0,
            events: newEvents(1),
          })),
        }),
      ),
    );
    const buckets = new Set(results.map((r) => r.committedAt.slice(0, 13)));
    let seen = 0;
    for (const bucket of buckets) {
      for (let shard = 0; shard < 4; shard++) {
        const partition = `${bucket}#0${shard}`;
        const { Count = 0 } = await ddb().client.send(
          new QueryCommand({
            TableName: names.eventsTable,
            IndexName: TimeIndex.name,
            KeyConditionExpression: '#b = :b',
            ExpressionAttributeNames: { '#b': TimeIndex.partitionKey },
            ExpressionAttributeValues: marshall({ ':b': partition }),
            Select: 'COUNT',
          }),
        );
        if (buckets.size === 1) expect(Count).toBeGreaterThan(20);
        if (buckets.size === 1) expect(Count).toBeLessThan(100);
        seen += Count;
      }
    }
    expect(seen).toBe(200);
  });

  it('finds the hours that hold events without visiting the empty hours between them', async () => {
    let now = new Date('2026-01-01T05:30:00.000Z');
    const store = await freshStore(4, () => now);
    const first = await store.commit(appendCommit(uniqueStream(), 0, newEvents(2)));
    now = new Date('2026-03-15T10:00:00.000Z');
    const second = await store.commit(appendCommit(uniqueStream(), 0, newEvents(3)));
    now = new Date('2026-03-15T10:59:59.999Z');
    const third = await store.commit(appendCommit(uniqueStream(), 0, newEvents(1)));
    const requests = store.reads.requests;
    const all = await readAllEvents(store, { limit: 100 });
    expect(store.reads.requests - requests).toBeLessThanOrEqual(1 + 2 * 4);
    expect(all.events.map((e) => e.eventId)).toEqual(
      [...first.events, ...second.events, ...third.events].map((e) => e.eventId),
    );
    const since = await readAllEvents(store, { limit: 2, since: '2026-02-01T00:00:00Z' });
    expect(since.events.map((e) => e.eventId)).toEqual(
      [...second.events, ...third.events].map((e) => e.eventId),
    );
    expect(since.pages).toBe(2);
    expect((await store.readAll({ limit: 6 })).next).toBeUndefined();
    expect((await store.readAll({ limit: 5 })).next).toMatchObject({ streamId: second.events[2]!.streamId });
  });

  it('orders one commit time by stream id then version exactly as the port compares them, also for prefix ids', async () => {
    const store = await freshStore(1);
    const idPart = fc.string({
      unit: fc.constantFrom('a', 'b', 'A', '0', '9', '-', '.', ':', '@', '_'),
      minLength: 1,
      maxLength: 4,
    });
    const ids = fc.uniqueArray(
      idPart.filter((id) => /^[A-Za-z0-9]/.test(id)),
      { minLength: 2, maxLength: 12 },
    );
    await fc.assert(
      fc.asyncProperty(ids, fc.integer({ min: 1, max: 3 }), async (parts, perStream) => {
        const type = `T${randomUUID().slice(0, 6)}`;
        const commit: Commit = {
          commitId: randomUUID(),
          streams: parts.map((part) => ({
            streamId: `${type}#${part}`,
            expectedVersion: 0,
            events: newEvents(perStream),
          })),
        };
        const { committedAt, events: written } = await store.commit(commit);
        const { events } = await readAllEvents(store, { limit: 50, since: committedAt });
        const ours = events.filter((e) => e.streamId.startsWith(`${type}#`));
        expect(ours.map((e) => `${e.streamId}@${e.version}`)).toEqual(
          [...written].sort(compareCommitTime).map((e) => `${e.streamId}@${e.version}`),
        );
      }),
      { numRuns: 15 },
    );
  }, 60_000);

  it('keeps commit times from going backwards within a stream when a writer clock is behind', async () => {
    const names = await freshTables();
    const at = (iso: string) => () => new Date(iso);
    const ahead = new DynamoDbEventStore(ddb().client, {
      ...names,
      timeIndexShards: 4,
      clock: at('2026-06-01T12:00:10.000Z'),
    });
    const behind = new DynamoDbEventStore(ddb().client, {
      ...names,
      timeIndexShards: 4,
      clock: at('2026-06-01T11:59:50.000Z'),
    });
    const streamId = uniqueStream();
    const first = await ahead.commit(appendCommit(streamId, 0, newEvents(1)));
    const second = await behind.commit(appendCommit(streamId, 1, newEvents(2)));
    expect(second.committedAt).toBe(first.committedAt);
    const unrelated = await behind.commit(appendCommit(uniqueStream(), 0, newEvents(1)));
    expect(unrelated.committedAt).toBe('2026-06-01T11:59:50.000Z');
    const { events } = await readAllEvents(behind, { limit: 10 });
    expect(events.filter((e) => e.streamId === streamId).map((e) => e.version)).toEqual([1, 2, 3]);
    expect(inCommitTimeOrder(events)).toBe(true);
    await expect(behind.commit(appendCommit(streamId, 1, newEvents(1)))).rejects.toMatchObject({
      code: 'CONCURRENCY_CONFLICT',
      expectedVersion: 1,
      actualVersion: 3,
    });
  });

  it('keeps the shard count a bucket started with, so a changed configuration hides no event', async () => {
    const names = await freshTables();
    let now = new Date('2026-05-01T08:10:00.000Z');
    const clock = () => now;
    const narrow = new DynamoDbEventStore(ddb().client, { ...names, timeIndexShards: 2, clock });
    const wide = new DynamoDbEventStore(ddb().client, { ...names, timeIndexShards: 8, clock });
    const streams = Array.from({ length: 40 }, () => uniqueStream());
    for (const streamId of streams.slice(0, 20)) await narrow.commit(appendCommit(streamId, 0, newEvents(1)));
    for (const streamId of streams.slice(20)) await wide.commit(appendCommit(streamId, 0, newEvents(1)));
    now = new Date('2026-05-01T09:10:00.000Z');
    for (const streamId of streams) await wide.commit(appendCommit(streamId, 1, newEvents(1)));
    for (const reader of [narrow, wide]) {
      const { events } = await readAllEvents(reader, { limit: 7 });
      expect(events.length).toBe(80);
      expect(inCommitTimeOrder(events)).toBe(true);
    }
  });

  it('refuses event data DynamoDB cannot hold with a ValidationError, before writing anything', async () => {
    const store = await freshStore();
    for (const data of [{ huge: 2 ** 60 }, { tiny: [1, { deeper: 1e-200 }] }, { notANumber: NaN }]) {
      const streamId = uniqueStream();
      await expect(store.commit(appendCommit(streamId, 0, newEvents(1, data)))).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      expect(await readWholeStream(store, streamId)).toEqual([]);
    }
  });

  it('follows DynamoDB 1 MB query pages when reading a stream and a time bucket', async () => {
    const store = await freshStore(1);
    const streamId = uniqueStream();
    await store.commit(appendCommit(streamId, 0, newEvents(30, { blob: 'q'.repeat(100_000) })));
    const streamRequests = store.reads.requests;
    expect((await readWholeStream(store, streamId)).length).toBe(30);
    expect(store.reads.requests - streamRequests).toBeGreaterThanOrEqual(3);
    const allRequests = store.reads.requests;
    const page = await store.readAll({ limit: 30 });
    expect(page.events.map((e) => e.version)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(page.next).toBeUndefined();
    expect(store.reads.requests - allRequests).toBeGreaterThanOrEqual(1 + 3);
  });

  it('creates the events table with its keys, the time index and a stream of new images', async () => {
    const { Table } = await ddb().client.send(
      new DescribeTableCommand({ TableName: ddb().config.eventsTable }),
    );
    expect(Table?.KeySchema?.map((k) => k.AttributeName)).toEqual([
      EventsTableKeys.partitionKey,
      EventsTableKeys.sortKey,
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.Projection?.ProjectionType])).toEqual([
      [TimeIndex.name, 'ALL'],
    ]);
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    expect(Table?.LatestStreamArn).toBeDefined();
  });

  it('refuses read-all options it cannot honour', async () => {
    const store = await freshStore();
    await expect(store.readAll({ limit: 0 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(store.readAll({ limit: 5, since: 'yesterday-ish' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
