import fc from 'fast-check';
import { AggregateRepository, SHORT_STREAM } from '../../../src/application/repository';
import { defineDomain } from '../../../src/domain/domain-model';
import type { Snapshot } from '../../../src/domain/snapshots';
import { InMemoryEventStore, InMemorySnapshotStore } from '../../../src/testing/in-memory-event-store';
import { Counter, CounterIncremented, CounterOpened } from '../domain/counter.fixture';

/** Counts the snapshot reads a load makes. */
class CountedSnapshots extends InMemorySnapshotStore {
  loads = 0;

  override async load(streamId: string, tag: string): Promise<Snapshot | undefined> {
    this.loads += 1;
    return super.load(streamId, tag);
  }
}

/** Records events on a counter without a command (its `apply` is protected). */
function record(counter: Counter, ...events: object[]): Counter {
  events.forEach((event) => (counter as unknown as { apply(e: object): void }).apply(event));
  return counter;
}

const model = defineDomain({ aggregates: [Counter] });

describe('loading a snapshotted aggregate (Counter: a snapshot every 3 events)', () => {
  it('reads a short stream with one read and no snapshot; a longer one from its snapshot, state always equal (property)', async () => {
    // Commit sizes of a stream's history: from none to about 50 events, in commits of 1 to 6.
    const histories = fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(histories, fc.integer({ min: 1, max: 9 }), async (commits, by) => {
        const store = new InMemoryEventStore();
        const snapshots = new CountedSnapshots();
        const repository = new AggregateRepository(store, snapshots, model);
        const working = record(new Counter('c'), new CounterOpened('c', 0));
        for (const size of commits) {
          await repository.save(working);
          record(working, ...Array.from({ length: size }, () => new CounterIncremented(by)));
        }
        await repository.save(working);
        const length = working.version;
        store.eventsRead = 0;
        snapshots.loads = 0;

        const loaded = await repository.load(Counter, 'c');

        expect(loaded.version).toBe(length);
        expect(loaded.snapshotState()).toEqual(working.snapshotState());
        expect(snapshots.loads).toBe(length < SHORT_STREAM ? 0 : 1);
        const latest = snapshots.saved.filter((s) => s.version > SHORT_STREAM).at(-1)?.version;
        const expectedReads =
          length < SHORT_STREAM ? length : SHORT_STREAM + length - (latest ?? SHORT_STREAM);
        expect(store.eventsRead).toBe(expectedReads);
      }),
      { numRuns: 200 },
    );
  });
});
