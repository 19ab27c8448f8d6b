import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import type { GlobalPosition, ReadAllOptions } from '../../../src/domain/ports';
import type { StoredEvent } from '../../../src/domain/stored-event';
import { DynamoDbEventStore } from '../../../src/infrastructure/dynamodb/event-store';
import { eventKey } from '../../../src/infrastructure/dynamodb/tables';
import { inStreamOrder, newEvents } from '../../../src/testing/event-store-fixtures';
import { freshTableMaker, useDynamoDbFixture } from '../../support/dynamodb-fixture';

/** Where a store keeps its events. */
interface Names {
  readonly eventsTable: string;
  readonly controlTable: string;
}

const RUNS = Number(process.env.EVENTFOLD_SCAN_RUNS ?? 25);

/** A commit: events for one or two streams (indexes into the run's streams). */
interface Commit {
  readonly streams: number[];
  readonly events: number;
}

const commitArb: fc.Arbitrary<Commit> = fc.record({
  streams: fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 2 }),
  events: fc.integer({ min: 1, max: 5 }),
});

/** How a reader pages: events per page, a byte cap or none, and whether it starts at a commit's time. */
const readerArb = fc.record({
  limit: fc.integer({ min: 1, max: 40 }),
  maxBytes: fc.option(fc.integer({ min: 200, max: 5_000 }), { nil: undefined }),
  sinceCommit: fc.option(fc.nat(), { nil: undefined }),
});

describe('readAll without a time index: a scan of the events table', () => {
  const ddb = useDynamoDbFixture({ tablePrefix: 'scan-' });
  const freshTables = freshTableMaker(ddb, 'scan-');

  const storeOn = (names: Names) => new DynamoDbEventStore(ddb().client, { ...names, timeIndexShards: 0 });

  /** Writes the commits in order; returns every stored event and each commit's time. */
  async function write(store: DynamoDbEventStore, commits: readonly Commit[]) {
    const heads = new Map<string, number>();
    const stored: StoredEvent[] = [];
    const times: string[] = [];
    for (const [index, commit] of commits.entries()) {
      const streams = commit.streams.map((n) => {
        const streamId = `Scan#s${n}`;
        const expectedVersion = heads.get(streamId) ?? 0;
        heads.set(streamId, expectedVersion + commit.events);
        return { streamId, expectedVersion, events: newEvents(commit.events, { commit: index }) };
      });
      const result = await store.commit({ commitId: `c${index}`, streams });
      stored.push(...result.events);
      times.push(result.committedAt);
    }
    return { stored, times };
  }

  /** Every page, each read by a fresh store (another invocation) from the cursor as JSON, as a replay resumes. */
  async function readPages(names: Names, options: Omit<ReadAllOptions, 'after'>) {
    const events: StoredEvent[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const store = storeOn(names);
      const after = cursor === undefined ? undefined : (JSON.parse(cursor) as GlobalPosition);
      const page = await store.readAll({ ...options, after });
      expect(store.reads.requests).toBeLessThanOrEqual(8);
      events.push(...page.events);
      cursor = page.next && JSON.stringify(page.next);
      pages += 1;
    } while (cursor !== undefined && pages < 10_000);
    return events;
  }

  it('delivers every matching event once, each stream in version order, resumable page by page (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(commitArb, { minLength: 0, maxLength: 25 }),
        readerArb,
        async (commits, reader) => {
          const names = await freshTables();
          const { stored, times } = await write(storeOn(names), commits);
          const since =
            reader.sinceCommit === undefined ? undefined : times[reader.sinceCommit % times.length];
          const expected = stored.filter((e) => since === undefined || e.committedAt >= since);

          const read = await readPages(names, { limit: reader.limit, maxBytes: reader.maxBytes, since });

          const key = (e: StoredEvent) => `${e.streamId}@${e.version}`;
          expect(read.map(key).sort()).toEqual(expected.map(key).sort());
          expect(inStreamOrder(read)).toBe(true);
          expect(read.every((e) => since === undefined || e.committedAt >= since)).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  }, 240_000);

  it('writes no time-index keys: an event item holds only its own attributes', async () => {
    const names = await freshTables();
    const [event] = (
      await storeOn(names).commit({
        commitId: 'one',
        streams: [{ streamId: 'Scan#one', expectedVersion: 0, events: newEvents(1) }],
      })
    ).events;
    const { Item } = await ddb().client.send(
      new GetItemCommand({ TableName: names.eventsTable, Key: eventKey(event!.streamId, 1) }),
    );
    expect(Object.keys(Item ?? {}).sort()).toEqual(
      [
        'commitId',
        'committedAt',
        'data',
        'eventId',
        'metadata',
        'schemaVersion',
        'streamId',
        'type',
        'version',
      ].sort(),
    );
  });
});
