import fc from 'fast-check';
import { libraryApp, libraryDomain, Member, MemberDirectory } from '../../../examples/library';
import {
  AggregateRepository,
  isProcessStream,
  PersonalDataCodec,
  SealingEventStore,
  type StoredEvent,
} from '../../../src';
import { forProjection, type InMemoryApp, inMemoryApp } from '../../../src/testing';
import { allowingCrossStreamOrder } from '../../e2e/support/shred-fold';
import { Given } from '../../support/personal/given-texts';
import { tryCommand } from '../../support/try-command';
import { RebuildConflictError } from '../../../src/application/rebuild';

/**
 * Random library histories with forgets interleaved: before, during and after a rebuild and a replay, and racing a
 * command for the same member, and during a rollback. Afterwards no plaintext a member gave before a forget, nor after it (a forgotten id
 * stays forgotten), is readable anywhere (store, revealed reads, loaded aggregates, every read-model table), every
 * aggregate loads, and after a last rebuild the read model equals the fold of the events with their replacements, up to the order across streams (a forget may
 * reach a row before or after data given again after it; see `allowingCrossStreamOrder`). The store holds the
 * library's welcome-letters process streams too. `EVENTFOLD_SHRED_RUNS` sets the runs.
 */
const RUNS = Number(process.env.EVENTFOLD_SHRED_RUNS ?? 50);
const MEMBERS = ['m0', 'm1', 'm2'] as const;
const member = fc.constantFrom(...MEMBERS);
const word = fc.stringMatching(/^[a-z]{4,8}$/);
const step = fc.oneof(
  fc.record({ kind: fc.constant('register' as const), m: member, text: word }),
  fc.record({ kind: fc.constant('borrow' as const), m: member, book: fc.constantFrom('b1', 'b2', 'b3') }),
  fc.record({ kind: fc.constant('return' as const), m: member, text: word }),
  fc.record({ kind: fc.constant('forget' as const), m: member }),
  fc.record({ kind: fc.constant('race' as const), m: member, text: word }),
  fc.record({ kind: fc.constant('rebuild' as const), m: fc.option(member, { nil: undefined }) }),
  fc.record({ kind: fc.constant('replay' as const), m: fc.option(member, { nil: undefined }) }),
  fc.record({ kind: fc.constant('rollback' as const), m: fc.option(member, { nil: undefined }) }),
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;
let rollbacks = 0;

async function run(app: InMemoryApp, given: Given, s: Step, i: number): Promise<void> {
  const text = 'text' in s ? `${s.text}q${i}z` : '';
  const during = async (work: Promise<unknown>, m: string | undefined) => {
    if (m) {
      await app.forget(m);
      given.forget(m);
    }
    await work;
  };
  if (s.kind === 'register') {
    const input = { memberId: s.m, name: `N${text}`, email: `e${text}@example.org` };
    if (await tryCommand(app, 'RegisterMember', input)) given.add(s.m, [`N${text}`, `e${text}@example.org`]);
  } else if (s.kind === 'borrow') await tryCommand(app, 'BorrowBook', { memberId: s.m, bookId: s.book });
  else if (s.kind === 'return') {
    if (await tryCommand(app, 'ReturnBook', { memberId: s.m, bookId: 'b1', note: `T${text}` }))
      given.add(s.m, [`T${text}`]);
  } else if (s.kind === 'forget') {
    await app.forget(s.m);
    given.forget(s.m);
  } else if (s.kind === 'race') {
    const input = { memberId: s.m, name: `N${text}`, email: `e${text}@example.org` };
    const [stored] = await Promise.all([tryCommand(app, 'RegisterMember', input), app.forget(s.m)]);
    given.forget(s.m);
    // Sealed before the key went (under the destroyed key) or after (no ciphertext): never readable either way.
    if (stored) given.add(s.m, [`N${text}`, `e${text}@example.org`]);
  } else if (s.kind === 'rebuild') {
    await during(
      app.rebuilds.start('member-directory').then(() => app.replaysIdle()),
      s.m,
    );
  } else if (s.kind === 'rollback') {
    // Refused when there is no previous table or a rebuild is open: part of the history too.
    const rolledBack = app.rebuilds.rollback('member-directory').then(() => rollbacks++);
    await during(rolledBack.catch(refusedRollback), s.m);
  } else await during(app.replay({ kind: 'all' }), s.m);
}

function refusedRollback(error: unknown): void {
  if (!(error instanceof RebuildConflictError)) throw error;
}

async function allEvents(app: InMemoryApp): Promise<StoredEvent[]> {
  return [...(await app.events.readAll({ limit: 100_000 })).events];
}

/** Every place a reader can get text from, as one string per place. */
async function readable(app: InMemoryApp): Promise<Record<string, string>> {
  const codec = new PersonalDataCodec(libraryDomain.personal, app.keys);
  const repository = new AggregateRepository(
    new SealingEventStore(app.events, codec),
    undefined,
    libraryDomain,
    {
      personal: codec,
    },
  );
  const events = await Promise.all((await allEvents(app)).map((e) => codec.reveal(e)));
  const members = await Promise.all(MEMBERS.map((m) => repository.load(Member, m)));
  const slots = await Promise.all(
    (['blue', 'green'] as const).map((slot) => app.readModels.dump({ projection: 'member-directory', slot })),
  );
  return {
    events: JSON.stringify(events),
    aggregates: JSON.stringify(members),
    readModels: JSON.stringify(slots),
  };
}

/**
 * The member directory folded from the stored events with replacements: in commit order, and without the
 * `SubjectForgotten` events (what a row holds when a forget reached it before the member's later events).
 */
async function folded(app: InMemoryApp) {
  const codec = new PersonalDataCodec(libraryDomain.personal, app.keys);
  const inOrder = forProjection(new MemberDirectory(), libraryDomain.events);
  const forgetFirst = forProjection(new MemberDirectory(), libraryDomain.events);
  // The process streams (the welcome letters') hold the process's own records, no domain events.
  for (const event of (await allEvents(app)).filter((e) => !isProcessStream(e.streamId))) {
    const revealed = libraryDomain.events.deserialize(await codec.reveal(event));
    inOrder.given(event.streamId, revealed);
    if (event.type !== 'SubjectForgotten') forgetFirst.given(event.streamId, revealed);
  }
  const rows = async (spec: typeof inOrder) =>
    (await spec.readModel()).rows as Record<string, Record<string, unknown>>;
  return { inOrder: await rows(inOrder), forgetFirst: await rows(forgetFirst) };
}

describe('forgetting members over random histories', () => {
  it('leaves no forgotten plaintext readable, every aggregate loading, read models equal to the fold', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const app = await inMemoryApp(libraryApp, { replayPages: { maxEvents: 3, maxBytes: 1_000_000 } });
        const given = new Given();
        for (const [i, s] of steps.entries()) await run(app, given, s, i);
        const stored = JSON.stringify(await allEvents(app));
        expect([...given.all].filter((t) => stored.includes(t))).toEqual([]);
        const places = await readable(app);
        for (const [place, text] of Object.entries(places))
          expect({ place, found: [...given.forgotten].filter((t) => text.includes(t)) }).toEqual({
            place,
            found: [],
          });
        const view = await app.rebuild(MemberDirectory);
        const active = await app.readModels.dump({
          projection: 'member-directory',
          slot: view.pointer.active,
        });
        // Up to the order across streams: a forget may reach a row before or after data given again after it.
        const { adjusted } = allowingCrossStreamOrder(
          await folded(app),
          active.rows as Record<string, Record<string, unknown>>,
          given.forgottenMembers,
        );
        expect(active.rows).toEqual(adjusted);
        await app.stop();
      }),
      { numRuns: RUNS },
    );
    expect(rollbacks).toBeGreaterThan(0);
  }, 600_000);
});
