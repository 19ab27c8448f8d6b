import fc from 'fast-check';
import type { ProjectionPointer, ProjectionPointerStore } from '../../../src/projections/table-pointer';
import { inFlightWaitMs, TimedPointerCache } from '../../../src/projections/timed-pointer-cache';

/** Pointers in memory that count reads and remember when each revision was written. */
class ClockedPointers implements ProjectionPointerStore {
  readonly reads: { projection: string; at: number }[] = [];
  private readonly pointers = new Map<string, ProjectionPointer>();
  now = 0;

  async get(projection: string): Promise<ProjectionPointer> {
    this.reads.push({ projection, at: this.now });
    return this.pointers.get(projection) ?? { projection, active: 'blue', revision: 0 };
  }

  async put(pointer: ProjectionPointer, expectedRevision: number): Promise<boolean> {
    const stored = this.pointers.get(pointer.projection)?.revision ?? 0;
    if (stored !== expectedRevision) return false;
    this.pointers.set(pointer.projection, { ...pointer, revision: expectedRevision + 1 });
    return true;
  }

  revisionOf(projection: string): number {
    return this.pointers.get(projection)?.revision ?? 0;
  }
}

type Step =
  { kind: 'wait'; ms: number } | { kind: 'get'; projection: string } | { kind: 'change'; projection: string };

const projection = fc.constantFrom('a', 'b');
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 2_500 }) }),
  fc.record({ kind: fc.constant('get' as const), projection }),
  fc.record({ kind: fc.constant('change' as const), projection }),
);

describe('a pointer cache of bounded age', () => {
  it('never answers a pointer older than its age and reads each pointer at most once per age', () =>
    fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3_000 }),
        fc.array(step, { maxLength: 60 }),
        async (maxAgeMs, steps) => {
          const store = new ClockedPointers();
          const cache = new TimedPointerCache(store, maxAgeMs, () => store.now);
          // When each revision of each projection was written: a get must see every one written maxAgeMs ago.
          const written: { projection: string; revision: number; at: number }[] = [];
          for (const s of steps) {
            if (s.kind === 'wait') store.now += s.ms;
            if (s.kind === 'change') {
              const revision = store.revisionOf(s.projection);
              await store.put({ projection: s.projection, active: 'green', revision }, revision);
              written.push({ projection: s.projection, revision: revision + 1, at: store.now });
            }
            if (s.kind !== 'get') continue;
            const { revision } = await cache.get(s.projection);
            const due = written.filter((w) => w.projection === s.projection && w.at <= store.now - maxAgeMs);
            expect(revision).toBeGreaterThanOrEqual(Math.max(0, ...due.map((w) => w.revision)));
          }
          for (const name of ['a', 'b']) {
            const times = store.reads.filter((r) => r.projection === name).map((r) => r.at);
            for (let i = 1; i < times.length; i += 1)
              expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(maxAgeMs);
          }
        },
      ),
      { numRuns: 300 },
    ));

  it('reads again after its own put, and after a failed read', async () => {
    const store = new ClockedPointers();
    const cache = new TimedPointerCache(store, 60_000, () => store.now);
    const first = await cache.get('a');
    expect(await cache.put({ ...first, active: 'green' }, first.revision)).toBe(true);
    expect((await cache.get('a')).active).toBe('green');
    const failing: ProjectionPointerStore = {
      get: () => Promise.reject(new Error('throttled')),
      put: store.put,
    };
    const flaky = new TimedPointerCache(failing, 60_000);
    await expect(flaky.get('a')).rejects.toThrow('throttled');
    failing.get = (p) => store.get(p);
    expect((await flaky.get('a')).active).toBe('green');
    expect(store.reads).toHaveLength(3);
  });

  it('makes hand-overs wait its age on top of a batch', () => {
    expect(inFlightWaitMs(0)).toBe(1_000);
    expect(inFlightWaitMs(3_000)).toBe(4_000);
  });
});
