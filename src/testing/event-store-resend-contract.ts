import { randomUUID } from 'node:crypto';
import { isEventfoldError } from '../domain/errors';
import type { Commit, CommitResult, EventStore, StreamAppend } from '../domain/ports';
import type { NewEvent, StoredEvent } from '../domain/stored-event';
import { type FastCheckModule, fastCheck } from './fast-check';
import { testRunnerGlobals } from './test-runner-globals';

/** A fresh, empty store for one test. */
type MakeStore = () => Promise<EventStore>;

const STREAMS = 2;

/** How a resend differs from the first attempt: not at all, or in a way that makes it another commit. */
const changes = ['same', 'extra id', 'reversed', 'first dropped'] as const;
type Change = (typeof changes)[number];

/** A random history, which commit is resent, how, and at which expected version per stream. */
export function resendCases(fc: FastCheckModule) {
  /** One commit of a random history: for each part, the stream (0 or 1) and how many events. */
  const commitShape = fc.uniqueArray(
    fc.record({ stream: fc.integer({ min: 0, max: STREAMS - 1 }), events: fc.integer({ min: 1, max: 3 }) }),
    { minLength: 1, maxLength: STREAMS, selector: (part) => part.stream },
  );

  return fc.record({
    history: fc.array(commitShape, { minLength: 1, maxLength: 7 }),
    pick: fc.nat(),
    change: fc.constantFrom(...changes),
    /** Per stream: where the expected version lands (head, the first attempt's, just below or beyond...). */
    targets: fc.array(fc.integer({ min: -3, max: 8 }), { minLength: STREAMS, maxLength: STREAMS }),
  });
}

function caughtBy(promise: Promise<CommitResult>): Promise<CommitResult | { error: unknown }> {
  return promise.catch((error: unknown) => ({ error }));
}

async function streamOf(store: EventStore, streamId: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readStream(streamId)) events.push(event);
  return events;
}

function lastVersionIn(result: CommitResult, streamId: string): number {
  return Math.max(...result.events.filter((e) => e.streamId === streamId).map((e) => e.version));
}

function ids(count: number): NewEvent[] {
  return Array.from({ length: count }, () => ({
    eventId: `caller-${randomUUID()}`,
    type: 'Deposited',
    schemaVersion: 1,
    data: { amount: 1 },
  }));
}

function changed(events: readonly NewEvent[], change: Change): NewEvent[] {
  if (change === 'extra id') return [...events, ...ids(1)];
  if (change === 'reversed' && events.length > 1) return [...events].reverse();
  if (change === 'first dropped' && events.length > 1) return events.slice(1);
  return [...events];
}

/** The expected version a target names: 0 = the stream's head, 8 = the first attempt's, others around the head. */
function expectedFor(target: number, head: number, first: StreamAppend): number {
  if (target === 8) return first.expectedVersion;
  if (target >= 4) return Math.max(0, head - (target - 3));
  return Math.max(0, head + target);
}

/**
 * Resends of caller-chosen event ids, held against every adapter: within `reach` (events of other writers after
 * the first attempt), an id already stored in a stream is never stored again, whatever expected version the
 * resend carries; it is answered as the first time (`duplicate: true`) or refused with a typed error.
 */
export function resendContract(name: string, makeStore: MakeStore, reach: number, runs: number): void {
  const { describe, it, expect } = testRunnerGlobals();
  const fc = fastCheck();
  const cases = resendCases(fc);
  describe(`EventStore contract, resends: ${name}`, () => {
    it('answers a resend at a later expected version (the client reloaded) as the first time', async () => {
      const store = await makeStore();
      const streamId = `Account#resend-${randomUUID().slice(0, 8)}`;
      await store.commit({
        commitId: randomUUID(),
        streams: [{ streamId, expectedVersion: 0, events: ids(2) }],
      });
      const commit: Commit = {
        commitId: randomUUID(),
        streams: [{ streamId, expectedVersion: 2, events: ids(1) }],
      };
      const first = await store.commit(commit);
      const resend = { ...commit, streams: [{ ...commit.streams[0]!, expectedVersion: 3 }] };
      expect(await store.commit(resend)).toEqual({ ...first, duplicate: true });
      expect((await streamOf(store, streamId)).map((e) => e.version)).toEqual([1, 2, 3]);
    });

    it(`finds a resent batch behind ${reach} events of other writers, over two streams`, async () => {
      const store = await makeStore();
      const [a, b] = [`Account#a-${randomUUID().slice(0, 8)}`, `Account#b-${randomUUID().slice(0, 8)}`];
      const streams = [
        { streamId: a, expectedVersion: 0, events: ids(3) },
        { streamId: b, expectedVersion: 0, events: ids(1) },
      ];
      const first = await store.commit({ commitId: randomUUID(), streams });
      await store.commit({
        commitId: randomUUID(),
        streams: [{ streamId: a, expectedVersion: 3, events: ids(reach) }],
      });
      const resend = {
        commitId: randomUUID(),
        streams: [
          { ...streams[0]!, expectedVersion: 3 + reach },
          { ...streams[1]!, expectedVersion: 1 },
        ],
      };
      expect(await store.commit(resend)).toEqual({ ...first, duplicate: true });
      expect(await streamOf(store, a)).toHaveLength(3 + reach);
      expect(await streamOf(store, b)).toHaveLength(1);
    });

    it('refuses an id stored before beside new ones with DUPLICATE_EVENT_ID naming stream, id and version', async () => {
      const store = await makeStore();
      const streamId = `Account#dup-${randomUUID().slice(0, 8)}`;
      const [stored] = ids(1);
      await store.commit({
        commitId: randomUUID(),
        streams: [{ streamId, expectedVersion: 0, events: [stored!] }],
      });
      const reuse = {
        commitId: randomUUID(),
        streams: [{ streamId, expectedVersion: 1, events: [...ids(1), stored!] }],
      };
      await expect(store.commit(reuse)).rejects.toMatchObject({
        code: 'DUPLICATE_EVENT_ID',
        httpStatus: 409,
        context: { streamId, eventId: stored!.eventId, version: 1 },
      });
      expect(await streamOf(store, streamId)).toHaveLength(1);
    });

    it(
      `never stores a resent id twice, whatever expected version the resend carries (property, ${runs} runs)`,
      async () => {
        const store = await makeStore();
        const outcomes = { duplicate: 0, concurrency: 0, duplicateId: 0 };
        await fc.assert(
          fc.asyncProperty(cases, async ({ history, pick, change, targets }) => {
            const streamIds = Array.from({ length: STREAMS }, () => `Account#p-${randomUUID().slice(0, 8)}`);
            const heads = streamIds.map(() => 0);
            const commits: Array<{ commit: Commit; result: CommitResult }> = [];
            for (const shape of history) {
              const streams = shape.map((part) => ({
                streamId: streamIds[part.stream]!,
                expectedVersion: heads[part.stream]!,
                events: ids(part.events),
              }));
              shape.forEach((part) => (heads[part.stream]! += part.events));
              const commit = { commitId: randomUUID(), streams };
              commits.push({ commit, result: await store.commit(commit) });
            }
            // Within reach: at most `reach` events after the resent commit's last one, in each of its streams.
            const inReach = commits.filter(({ result }) =>
              result.events.every(
                (e) => heads[streamIds.indexOf(e.streamId)]! - lastVersionIn(result, e.streamId) <= reach,
              ),
            );
            const { commit, result: first } = inReach[pick % inReach.length]!;
            const streams = commit.streams.map((append) => {
              const index = streamIds.indexOf(append.streamId);
              const expectedVersion = expectedFor(targets[index]!, heads[index]!, append);
              return { streamId: append.streamId, expectedVersion, events: changed(append.events, change) };
            });
            const answer = await caughtBy(store.commit({ commitId: randomUUID(), streams }));
            for (const [index, streamId] of streamIds.entries()) {
              const stored = await streamOf(store, streamId);
              expect(stored).toHaveLength(heads[index]!);
              expect(new Set(stored.map((e) => e.eventId)).size).toBe(stored.length);
            }
            if ('error' in answer) {
              const code = isEventfoldError(answer.error) ? answer.error.code : answer.error;
              expect(['CONCURRENCY_CONFLICT', 'DUPLICATE_EVENT_ID']).toContain(code);
              if (code === 'CONCURRENCY_CONFLICT') outcomes.concurrency += 1;
              else outcomes.duplicateId += 1;
              return;
            }
            expect(answer.duplicate).toBe(true);
            expect(answer.events.map((e) => e.eventId)).toEqual(
              streams.flatMap((s) => s.events.map((e) => e.eventId)),
            );
            if (change === 'same') expect(answer).toEqual({ ...first, duplicate: true });
            outcomes.duplicate += 1;
          }),
          { numRuns: runs },
        );
        console.info(`resends on ${name}: ${JSON.stringify(outcomes)}`);
      },
      Math.max(120_000, runs * 600),
    );
  });
}
