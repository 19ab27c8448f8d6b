import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { ConcurrencyError } from '../../src/domain/concurrency-error';
import { hasErrorCode, isEventfoldError } from '../../src/domain/errors';
import type {
  Commit,
  EventStore,
  GlobalPosition,
  ReadAllOptions,
  StreamAppend,
} from '../../src/domain/ports';
import type { NewEvent, StoredEvent } from '../../src/domain/stored-event';
import { RESEND_WINDOW } from '../../src/infrastructure/dynamodb/event-store/resend-check';
import { compareCommitTime } from '../../src/testing/commit-order';
import { resendContract } from './resend-contract';

/** Options of the contract: how long the slow cases may take. */
export interface EventStoreContractOptions {
  /** Timeout of the heavy cases (1,000 streams, large events) in ms; default 120 s. */
  readonly heavyTimeoutMs?: number;
  /** How many events of other writers after a first attempt the adapter still finds a resend behind. */
  readonly resendReach?: number;
  /** Runs of the resend property; default 40, or `EVENTFOLD_RESEND_RUNS` (a long form: 1000). */
  readonly resendRuns?: number;
}

/** A fresh, empty store for one test. */
export type MakeEventStore = () => Promise<EventStore>;

let sequence = 0;
/** A stream id unique to this process run. */
export function uniqueStream(type = 'Account'): string {
  sequence += 1;
  return `${type}#${randomUUID().slice(0, 8)}-${sequence}`;
}

/** A new event with a fresh id. */
export function newEvent(type = 'Deposited', data: Record<string, unknown> = { amount: 1 }): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: { correlationId: 'c-1', actor: 'tester' },
  };
}

/** `count` new events. */
export function newEvents(count: number, data?: Record<string, unknown>): NewEvent[] {
  return Array.from({ length: count }, () => newEvent('Deposited', data));
}

/** A commit of one append. */
export function appendCommit(streamId: string, expectedVersion: number, events: NewEvent[]): Commit {
  return { commitId: randomUUID(), streams: [{ streamId, expectedVersion, events }] };
}

/** The commit with the ids of every append marked fresh (drawn for it, as the repository's are). */
export function withFreshIds(commit: Commit): Commit {
  return { ...commit, streams: commit.streams.map((append) => ({ ...append, freshEventIds: true })) };
}

/** The versions of a contiguous stream of `count` events: 1 to `count`. */
export function versionsUpTo(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i + 1);
}

/** Every event of a stream. */
export async function readWholeStream(store: EventStore, streamId: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readStream(streamId)) events.push(event);
  return events;
}

/** Every event of the global order, page by page, from the given options on. */
export async function readAllEvents(
  store: EventStore,
  options: Omit<ReadAllOptions, 'after'> = { limit: 250 },
): Promise<{ events: StoredEvent[]; pages: number }> {
  const events: StoredEvent[] = [];
  let after: GlobalPosition | undefined;
  let pages = 0;
  do {
    const page = await store.readAll({ ...options, after });
    pages += 1;
    events.push(...page.events);
    after = page.next;
  } while (after);
  return { events, pages };
}

export { compareCommitTime };

/** True when the events are strictly increasing in (commit time, stream id, version). */
export function inCommitTimeOrder(events: readonly StoredEvent[]): boolean {
  return events.every((event, i) => i === 0 || compareCommitTime(events[i - 1]!, event) < 0);
}

async function expectConcurrencyError(promise: Promise<unknown>): Promise<ConcurrencyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(hasErrorCode(error, 'CONCURRENCY_CONFLICT')).toBe(true);
  return error as ConcurrencyError;
}

async function expectRefusedWith(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isEventfoldError(error) ? error.code : error).toBe(code);
}

/** A random shape of commits: which of a few streams each commit appends to, and how many events. */
const commitShapes = fc.array(
  fc.array(fc.record({ stream: fc.integer({ min: 0, max: 3 }), events: fc.integer({ min: 1, max: 4 }) }), {
    minLength: 1,
    maxLength: 3,
  }),
  { minLength: 1, maxLength: 6 },
);

/**
 * The behaviour every `EventStore` adapter must show. Call it inside a test file with a factory of fresh,
 * empty stores; the same cases then run against every adapter.
 * @example
 * eventStoreContract('DynamoDB', async () => new DynamoDbEventStore(client, await freshTables()));
 */
export function eventStoreContract(
  name: string,
  makeStore: MakeEventStore,
  options: EventStoreContractOptions = {},
) {
  const heavy = options.heavyTimeoutMs ?? 120_000;
  const resendRuns = options.resendRuns ?? Number(process.env.EVENTFOLD_RESEND_RUNS ?? 40);
  resendContract(name, makeStore, options.resendReach ?? RESEND_WINDOW, resendRuns);

  describe(`EventStore contract: ${name}`, () => {
    it(
      'stores the events of random commit shapes at contiguous versions from 1, in commit order',
      async () => {
        await fc.assert(
          fc.asyncProperty(commitShapes, async (shapes) => {
            const store = await makeStore();
            const streams = Array.from({ length: 4 }, () => uniqueStream());
            const versions = new Map<string, number>();
            const expected = new Map<string, string[]>();
            for (const shape of shapes) {
              const appends: StreamAppend[] = [];
              for (const part of shape) {
                const streamId = streams[part.stream]!;
                const events = newEvents(part.events);
                appends.push({ streamId, expectedVersion: versions.get(streamId) ?? 0, events });
                versions.set(streamId, (versions.get(streamId) ?? 0) + events.length);
                expected.set(streamId, [...(expected.get(streamId) ?? []), ...events.map((e) => e.eventId)]);
              }
              const result = await store.commit({ commitId: randomUUID(), streams: appends });
              expect(result.duplicate).toBe(false);
            }
            for (const [streamId, eventIds] of expected) {
              const stored = await readWholeStream(store, streamId);
              expect(stored.map((e) => e.version)).toEqual(eventIds.map((_, i) => i + 1));
              expect(stored.map((e) => e.eventId)).toEqual(eventIds);
            }
          }),
          { numRuns: 8 },
        );
      },
      heavy,
    );

    it('returns the stored events with their versions, commit id, commit time and metadata', async () => {
      const store = await makeStore();
      const streamId = uniqueStream();
      const commit = appendCommit(streamId, 0, newEvents(2));
      const result = await store.commit(commit);
      expect(result).toMatchObject({ commitId: commit.commitId, duplicate: false });
      expect(result.events.map((e) => [e.streamId, e.version])).toEqual([
        [streamId, 1],
        [streamId, 2],
      ]);
      expect(await readWholeStream(store, streamId)).toEqual(result.events);
      expect(result.events[0]!.metadata).toEqual({ correlationId: 'c-1', actor: 'tester' });
    });

    it('returns exactly what a later read returns, also for new events that carry fields of their own', async () => {
      const store = await makeStore();
      const streamId = uniqueStream();
      const events = newEvents(2).map((event) => ({ ...event, note: 'not an event field' }));
      const result = await store.commit(appendCommit(streamId, 0, events));
      expect(await readWholeStream(store, streamId)).toEqual(result.events);
      for (const event of result.events) expect(event).not.toHaveProperty('note');
    });

    it('rejects a second writer at the same version, naming stream, expected and actual version', async () => {
      const store = await makeStore();
      const streamId = uniqueStream();
      await store.commit(appendCommit(streamId, 0, newEvents(3)));
      const error = await expectConcurrencyError(store.commit(appendCommit(streamId, 1, newEvents(1))));
      expect(error).toMatchObject({ streamId, expectedVersion: 1, actualVersion: 3 });
      expect((await readWholeStream(store, streamId)).length).toBe(3);
    });

    it('refuses an append at a version the stream has not reached, so no gap can appear', async () => {
      const store = await makeStore();
      const streamId = uniqueStream();
      await store.commit(appendCommit(streamId, 0, newEvents(1)));
      for (const events of [newEvents(1), newEvents(2)]) {
        const error = await expectConcurrencyError(store.commit(appendCommit(streamId, 3, events)));
        expect(error).toMatchObject({ streamId, expectedVersion: 3, actualVersion: 1 });
      }
      expect((await readWholeStream(store, streamId)).map((e) => e.version)).toEqual([1]);
    });

    it(
      'lets exactly one of 64 concurrent writers win each version; every other writer gets a ConcurrencyError',
      async () => {
        const store = await makeStore();
        const streamId = uniqueStream();
        const outcomes = await Promise.all(
          Array.from({ length: 64 }, async (_, writer) => {
            await new Promise((resolve) => setTimeout(resolve, writer * 8 + (writer % 5)));
            const current = (await readWholeStream(store, streamId)).length;
            const events = newEvents(1 + (writer % 2));
            try {
              await store.commit(appendCommit(streamId, current, events));
              return { won: true, events, error: undefined };
            } catch (error) {
              return { won: false, events, error };
            }
          }),
        );
        const winners = outcomes.filter((o) => o.won);
        const losers = outcomes.filter((o) => !o.won);
        const stored = await readWholeStream(store, streamId);
        const storedCount = winners.reduce((sum, w) => sum + w.events.length, 0);
        expect(winners.length).toBeGreaterThan(0);
        expect(stored.map((e) => e.version)).toEqual(versionsUpTo(storedCount));
        expect(new Set(stored.map((e) => e.eventId))).toEqual(
          new Set(winners.flatMap((w) => w.events.map((e) => e.eventId))),
        );
        for (const loser of losers) {
          expect(hasErrorCode(loser.error, 'CONCURRENCY_CONFLICT')).toBe(true);
          expect((loser.error as ConcurrencyError).streamId).toBe(streamId);
          expect(typeof (loser.error as ConcurrencyError).actualVersion).toBe('number');
        }
        console.info(
          `64 writers on ${name}: ${winners.length} won (${storedCount} events), ${losers.length} conflicts`,
        );
      },
      heavy,
    );

    it('answers a retried commit as the first time and stores nothing twice', async () => {
      const store = await makeStore();
      const [a, b] = [uniqueStream(), uniqueStream()];
      await store.commit(appendCommit(b, 0, newEvents(1)));
      const commit: Commit = {
        commitId: randomUUID(),
        streams: [
          { streamId: a, expectedVersion: 0, events: newEvents(2) },
          { streamId: b, expectedVersion: 1, events: newEvents(1) },
        ],
      };
      const first = await store.commit(commit);
      await store.commit(appendCommit(a, 2, newEvents(1)));
      const retry = await store.commit(commit);
      expect(retry).toEqual({ ...first, duplicate: true });
      expect((await readWholeStream(store, a)).length).toBe(3);
      expect((await readWholeStream(store, b)).length).toBe(2);
      const single = appendCommit(uniqueStream(), 0, newEvents(1));
      const once = await store.commit(single);
      expect(await store.commit(single)).toEqual({ ...once, duplicate: true });
    });

    it('commits several aggregates atomically: one conflict leaves nothing written anywhere', async () => {
      const store = await makeStore();
      const [a, b, c] = [uniqueStream(), uniqueStream(), uniqueStream()];
      await store.commit(appendCommit(b, 0, newEvents(2)));
      const commit: Commit = {
        commitId: randomUUID(),
        streams: [
          { streamId: a, expectedVersion: 0, events: newEvents(2) },
          { streamId: b, expectedVersion: 1, events: newEvents(1) },
          { streamId: c, expectedVersion: 0, events: newEvents(1) },
        ],
      };
      const error = await expectConcurrencyError(store.commit(commit));
      expect(error).toMatchObject({ streamId: b, expectedVersion: 1, actualVersion: 2 });
      expect(await readWholeStream(store, a)).toEqual([]);
      expect((await readWholeStream(store, b)).length).toBe(2);
      expect(await readWholeStream(store, c)).toEqual([]);
    });

    it('refuses invalid commits before writing anything', async () => {
      const store = await makeStore();
      const streamId = uniqueStream();
      const twice = newEvent();
      const invalid: Commit[] = [
        { commitId: randomUUID(), streams: [] },
        { commitId: randomUUID(), streams: [{ streamId, expectedVersion: 0, events: [] }] },
        appendCommit('no-separator', 0, newEvents(1)),
        appendCommit(streamId, 0, [newEvent('9 starts with a digit')]),
        appendCommit(streamId, -1, newEvents(1)),
        appendCommit(streamId, Number.MAX_SAFE_INTEGER + 1, newEvents(1)),
        appendCommit(streamId, Number.MAX_SAFE_INTEGER - 1, newEvents(2)),
        appendCommit(streamId, 0, [{ ...newEvent(), schemaVersion: 2 ** 60 }]),
        appendCommit(streamId, 0, [twice, twice]),
        {
          commitId: randomUUID(),
          streams: [
            { streamId, expectedVersion: 0, events: newEvents(2) },
            { streamId, expectedVersion: 1, events: newEvents(1) },
          ],
        },
      ];
      for (const commit of invalid) await expectRefusedWith(store.commit(commit), 'VALIDATION_FAILED');
      expect(await readWholeStream(store, streamId)).toEqual([]);
      expect((await store.readAll({ limit: 10 })).events).toEqual([]);
    });

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
      'reads all events of 1,000 streams in commit-time order, nothing missing, page by page',
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
        expect(inCommitTimeOrder(events)).toBe(true);
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
      expect(events.map((e) => e.eventId)).toEqual(
        [...expected].sort(compareCommitTime).map((e) => e.eventId),
      );
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
  });
}
