import { randomUUID } from 'node:crypto';
import type { ConcurrencyError } from '../domain/concurrency-error';
import { hasErrorCode } from '../domain/errors';
import type { Commit, StreamAppend } from '../domain/ports';
import { commitShapes, expectConcurrencyError, expectRefusedWith } from './event-store-contract-checks';
import {
  appendCommit,
  newEvent,
  newEvents,
  readWholeStream,
  uniqueStream,
  versionsUpTo,
} from './event-store-fixtures';
import type { MakeEventStore } from './event-store-contract';
import { fastCheck } from './fast-check';
import { testRunnerGlobals } from './test-runner-globals';

/** The contract's cases on commits: versions, conflicts, retries, atomicity and refusals. */
export function writeCases(name: string, makeStore: MakeEventStore, heavy: number): void {
  const { it, expect } = testRunnerGlobals();
  const fc = fastCheck();
  it(
    'stores the events of random commit shapes at contiguous versions from 1, in commit order',
    async () => {
      await fc.assert(
        fc.asyncProperty(commitShapes(fc), async (shapes) => {
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
}
