import fc from 'fast-check';
import { BookBorrowed, libraryDomain, MemberDirectory, MemberRegistered } from '../../../examples/library';
import { PersonalDataCodec, SubjectForgotten } from '../../../src';
import { InMemorySubjectKeys } from '../../../src/testing/in-memory-subject-keys';
import { subjectStreamIdOf } from '../../../src/domain/personal/subject-forgotten';
import { handleProjectionBatch } from '../../../src/infrastructure/kinesis/projection-batch-handler';
import { InMemoryReadModelStore } from '../../../src/projections/in-memory-read-model-store';
import { ProjectionRunner } from '../../../src/projections/projection-runner';
import { InMemoryDeadLetters } from '../../../src/projections/redrive';
import { InMemoryAnswerJournal } from '../../../src/projections/side-effects';
import type { ProjectionPointer } from '../../../src/projections/table-pointer';
import { InMemoryPointerStore } from '../../../src/testing/in-memory-pointer-store';
import { kinesisEventOf } from '../../support/kinesis-events';
import { pointerOf } from '../../support/projections/pointer-arbitrary';
import { EventList } from '../../support/projections/runner-harness';

/**
 * Guarantee 14 under batching: a consumer batch leaves every table of a projection (active, standby, and the previous
 * slot a rollback may restore) as delivering its events one at a time would, whatever the pointer's shape (streams
 * may be applied in any order; a forgotten member's fields read as replacements either way). The
 * batch's joint write once reached only the active table, so a forget batched with another member's event never
 * reached the previous slot, which kept the forgotten member's plaintext (found by the emulator property).
 */
const registry = libraryDomain.events;
const PROJECTION = 'member-directory';

/** A pointer store holding `pointer`, as the control table would. */
function pinned(pointer: ProjectionPointer): InMemoryPointerStore {
  const pointers = new InMemoryPointerStore();
  pointers.write(pointer, 0);
  return pointers;
}

function runner(store: InMemoryReadModelStore, world: World, pointer: ProjectionPointer) {
  return new ProjectionRunner({
    registry,
    reveal: (event) => world.codec.reveal(event),
    store,
    eventStore: world.events,
    pointers: pinned(pointer),
    deadLetters: new InMemoryDeadLetters(),
    journal: new InMemoryAnswerJournal(),
    projections: [new MemberDirectory()],
  });
}

const member = fc.constantFrom('m0', 'm1', 'm2');
const step = fc.oneof(
  fc.record({ kind: fc.constant('register' as const), m: member, name: fc.string({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('borrow' as const), m: member }),
  fc.record({ kind: fc.constant('forget' as const), m: member }),
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

interface World {
  readonly events: EventList;
  readonly codec: PersonalDataCodec;
}

/**
 * The history as stored: personal fields sealed, every forgotten member's key destroyed. The consumer reveals at
 * apply time, so a forgotten member's fields read as replacements in whatever order streams are applied.
 */
async function history(steps: readonly Step[]): Promise<World> {
  const events = new EventList();
  const keys = new InMemorySubjectKeys();
  const codec = new PersonalDataCodec(libraryDomain.personal, keys);
  for (const s of steps) {
    if (s.kind === 'forget') {
      events.append(
        registry,
        subjectStreamIdOf(s.m),
        Object.assign(new SubjectForgotten(), { subject: s.m }),
      );
      continue;
    }
    const event =
      s.kind === 'register'
        ? new MemberRegistered(s.m, s.name, `${s.m}@example.org`)
        : new BookBorrowed(s.m, 'b1');
    const stored = events.append(registry, `Member#${s.m}`, event);
    const append = { streamId: stored.streamId, expectedVersion: stored.version - 1, events: [stored] };
    const [sealed] = (await codec.seal(append)).events;
    events.events[events.events.length - 1] = { ...stored, data: sealed!.data };
  }
  for (const s of steps) if (s.kind === 'forget') await keys.destroy(s.m);
  return { events, codec };
}

const dumps = (store: InMemoryReadModelStore) =>
  Promise.all((['blue', 'green'] as const).map((slot) => store.dump({ projection: PROJECTION, slot })));

describe('a consumer batch and the tables of a projection', () => {
  it('leaves every slot as one event at a time would, forgets included, for every pointer shape', async () => {
    let forgetsToPrevious = 0;
    const batches = fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), { maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(
        pointerOf(PROJECTION),
        fc.array(step, { minLength: 1, maxLength: 20 }),
        batches,
        async (pointer, steps, picks) => {
          const world = await history(steps);
          const all = world.events.events;
          const expected = new InMemoryReadModelStore();
          const reference = runner(expected, world, pointer);
          for (const event of all) await reference.deliver({ events: [event] });
          const store = new InMemoryReadModelStore();
          const deps = { runner: runner(store, world, pointer), pointers: pinned(pointer) };
          // Batches of events picked anywhere in the history (out of order, twice, or not at all), then all of it.
          for (const pick of [...picks, all.map((_, i) => i)]) {
            const batch = kinesisEventOf(pick.map((i) => all[i % all.length]!));
            expect((await handleProjectionBatch(batch, deps)).batchItemFailures).toEqual([]);
          }
          expect(await dumps(store)).toEqual(await dumps(expected));
          if (pointer.previous !== undefined && steps.some((s) => s.kind === 'forget')) forgetsToPrevious++;
        },
      ),
      { numRuns: 300 },
    );
    expect(forgetsToPrevious).toBeGreaterThan(20);
  });
});
