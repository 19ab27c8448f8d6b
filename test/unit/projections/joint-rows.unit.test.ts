import fc from 'fast-check';
import type { KinesisStreamRecord } from 'aws-lambda';
import type { StoredEvent } from '../../../src/domain/stored-event';
import { handleProjectionBatch } from '../../../src/infrastructure/kinesis/projection-batch-handler';
import { FixedPointerStore } from '../../../src/projections/fixed-pointer-store';
import { InMemoryReadModelStore } from '../../../src/projections/in-memory-read-model-store';
import { ProjectionRunner } from '../../../src/projections/projection-runner';
import type { GateMove, ReadModelTarget } from '../../../src/projections/read-model-store';
import type { RowChange } from '../../../src/projections/row-changes';
import { InMemoryDeadLetters } from '../../../src/projections/redrive';
import { InMemoryAnswerJournal } from '../../../src/projections/side-effects';
import { EventList } from '../../support/projections/runner-harness';
import {
  AccountDocuments,
  DailyTotals,
  Deposited,
  Opened,
  sampleRegistry,
  totalsBlue,
  Withdrawn,
} from '../../support/projections/sample-projections';

const registry = sampleRegistry();

/** Counts the store's calls for the daily totals table. */
class CountingStore extends InMemoryReadModelStore {
  readonly calls: string[] = [];
  override readState(target: ReadModelTarget, streamId: string) {
    if (target.projection === totalsBlue.projection) this.calls.push('readState');
    return super.readState(target, streamId);
  }
  override commit(...args: Parameters<InMemoryReadModelStore['commit']>) {
    if (args[0].projection === totalsBlue.projection) this.calls.push('commit');
    return super.commit(...args);
  }
  override async readStates(target: ReadModelTarget, ids: readonly string[]) {
    this.calls.push('readStates');
    return new Map(
      await Promise.all(ids.map(async (id) => [id, await super.readState(target, id)] as const)),
    );
  }
  override commitJoint(target: ReadModelTarget, moves: readonly GateMove[], rows: readonly RowChange[]) {
    this.calls.push('commitJoint');
    return super.commitJoint(target, moves, rows);
  }
}

function consumer(store: InMemoryReadModelStore, events: EventList) {
  const deps = { registry, store, eventStore: events, pointers: new FixedPointerStore() };
  const more = { deadLetters: new InMemoryDeadLetters(), journal: new InMemoryAnswerJournal() };
  const runner = new ProjectionRunner({
    ...deps,
    ...more,
    projections: [new DailyTotals(), new AccountDocuments()],
  });
  return { runner, pointers: deps.pointers };
}

let sequence = 0;
/** One Kinesis record per event list, as the forwarder packs a stream's consecutive events. */
function record(events: readonly StoredEvent[]): KinesisStreamRecord {
  const data = Buffer.from(JSON.stringify({ v: 1, events })).toString('base64');
  const sequenceNumber = String((sequence += 1));
  const kinesis = { partitionKey: events[0]!.streamId, sequenceNumber, data };
  return { kinesis } as unknown as KinesisStreamRecord;
}

interface Move {
  readonly stream: string;
  readonly withdraw: boolean;
  readonly amount: number;
  readonly day: string;
}

const move: fc.Arbitrary<Move> = fc.record({
  stream: fc.constantFrom('Acc#a', 'Acc#b', 'Acc#c'),
  withdraw: fc.boolean(),
  amount: fc.integer({ min: 1, max: 1_000 }),
  day: fc.constantFrom('2026-03-01', '2026-03-02'),
});

function history(moves: readonly Move[]): EventList {
  const events = new EventList();
  for (const m of moves) {
    const at = `${m.day}T10:00:00.000Z`;
    if (!events.events.some((e) => e.streamId === m.stream))
      events.append(registry, m.stream, new Opened('o'), at);
    events.append(registry, m.stream, m.withdraw ? new Withdrawn(m.amount) : new Deposited(m.amount), at);
  }
  return events;
}

describe('joint row writes of a batch', () => {
  it('applies a batch of two streams with no gate read and one write for a row projection', async () => {
    const events = history([
      { stream: 'Acc#a', withdraw: false, amount: 5, day: '2026-03-01' },
      { stream: 'Acc#b', withdraw: false, amount: 7, day: '2026-03-01' },
    ]);
    const store = new CountingStore();
    const deps = consumer(store, events);
    const streams = ['Acc#a', 'Acc#b'].map((id) => events.events.filter((e) => e.streamId === id));
    await handleProjectionBatch({ Records: streams.map(record) }, deps);
    expect(store.calls).toEqual(['commitJoint']);
    expect((await store.dump(totalsBlue)).rows).toEqual({
      'day#2026-03-01': { deposited: 12, movements: 2 },
    });
  });

  it('ends with the read model of one event at a time, whatever the batches, duplicates and gaps', async () => {
    let joint = 0;
    const batches = fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), {
      minLength: 1,
      maxLength: 8,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(move, { minLength: 1, maxLength: 25 }), batches, async (moves, picks) => {
        const events = history(moves);
        const expected = new InMemoryReadModelStore();
        const reference = consumer(expected, events).runner;
        for (const e of events.events) await reference.deliver({ events: [e] });
        const store = new CountingStore();
        const deps = consumer(store, events);
        const all = events.events;
        // Batches of records picked anywhere in the history (out of order, twice, or not at all), then all of it.
        for (const pick of [...picks, all.map((_, i) => i)]) {
          const Records = pick.map((i) => record([all[i % all.length]!]));
          expect((await handleProjectionBatch({ Records }, deps)).batchItemFailures).toEqual([]);
        }
        expect(await store.dump(totalsBlue)).toEqual(await expected.dump(totalsBlue));
        joint += store.calls.filter((c) => c === 'commitJoint').length;
      }),
      { numRuns: 150 },
    );
    expect(joint).toBeGreaterThan(0);
  });
});
