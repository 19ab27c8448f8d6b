import fc from 'fast-check';
import { waitFor } from '../../../src/infrastructure/local/free-port';
import type { LocalTestApp } from '../../../src/infrastructure/local/runtime/local-app';
import { ApiClient } from './runtime-fixture';
import { Given } from '../../support/personal/given-texts';
import { tryCommand } from '../../support/try-command';

export { Given };

/** The members of one run: ids unique to the run, so that runs share one runtime without resetting it. */
export const membersOf = (run: number) => [`r${run}m0`, `r${run}m1`, `r${run}m2`];

const slot = fc.constantFrom(0, 1, 2);
const word = fc.stringMatching(/^[a-z]{4,8}$/);
/** One step of a library history; `m` picks a member of the run. */
export const step = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('register' as const), m: slot, text: word }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('borrow' as const),
      m: slot,
      book: fc.constantFrom('b1', 'b2'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('return' as const), m: slot, text: word }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('forget' as const), m: slot }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('race' as const),
      m: slot,
      text: word,
      offsetMs: fc.integer({ min: 0, max: 40 }),
    }),
  },
  fc.record({ kind: fc.constant('rebuild' as const), m: fc.option(slot, { nil: undefined }) }),
  fc.record({ kind: fc.constant('replay' as const), m: fc.option(slot, { nil: undefined }) }),
  fc.record({ kind: fc.constant('rollback' as const), m: fc.option(slot, { nil: undefined }) }),
);
export type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

/** Runs a command of the history, counted in `given`; a refusal by the domain (a 4xx) is part of it. */
function counted(app: LocalTestApp, given: Given, name: string, input: object): Promise<boolean> {
  given.commands++;
  return tryCommand(app, name, input);
}

/** Rebuilds the member directory over HTTP and waits until the rebuild flipped. */
async function rebuild(app: LocalTestApp, during: () => Promise<void>): Promise<void> {
  const api = new ApiClient(app.runtime.url);
  const started = await api.post('/projections/member-directory/rebuild');
  expect(started.status).toBe(202);
  const id: string = started.body.rebuildId;
  await during();
  let state = '';
  await waitFor(
    async () => {
      const { body } = await api.get('/projections/member-directory');
      state = body.rebuild?.rebuildId === id ? body.rebuild.state : '';
      return ['FLIPPED', 'FAILED', 'ROLLED_BACK'].includes(state);
    },
    `rebuild ${id}`,
    120_000,
  );
  expect(state).toBe('FLIPPED');
}

/**
 * Rolls the member directory back over HTTP, with `during` at the same time. Refused (422) when no table is left to
 * roll back to, or when a rebuild is open; that is part of the history too.
 */
async function rollback(app: LocalTestApp, during: () => Promise<void>): Promise<void> {
  const api = new ApiClient(app.runtime.url);
  const [answer] = await Promise.all([api.post('/projections/member-directory/rollback'), during()]);
  expect([200, 422]).toContain(answer.status);
  rollbacks[answer.status === 200 ? 'done' : 'refused']++;
}

/** How many rollbacks the histories so far made, and how many were refused. */
export const rollbacks = { done: 0, refused: 0 };

/**
 * Registers a member and forgets it at the same time: either may come first. The forget starts `offsetMs` after the
 * command (a stagger, not a wait), so that it lands before, during and after the command's key fetch.
 */
async function race(app: LocalTestApp, given: Given, m: string, text: string, offsetMs: number) {
  const input = { memberId: m, name: `N${text}`, email: `e${text}@example.org` };
  const staggered = new Promise((started) => setTimeout(started, offsetMs)).then(() => app.forget(m));
  const [stored] = await Promise.all([counted(app, given, 'RegisterMember', input), staggered]);
  // Sealed before the key went (under the destroyed key) or after (no ciphertext): either way never readable.
  if (stored) given.add(m, [`N${text}`, `e${text}@example.org`]);
  given.forget(m);
}

/** Runs step `i` of run `run` against the local runtime, recording what was given and forgotten. */
export async function runStep(app: LocalTestApp, given: Given, run: number, s: Step, i: number) {
  const members = membersOf(run);
  const text = 'text' in s ? `${s.text}q${run}x${i}z` : '';
  const forgetDuring = (m: number | undefined) => async () => {
    if (m === undefined) return;
    await app.forget(members[m]!);
    given.forget(members[m]!);
  };
  if (s.kind === 'register') {
    const m = members[s.m]!;
    const input = { memberId: m, name: `N${text}`, email: `e${text}@example.org` };
    if (await counted(app, given, 'RegisterMember', input))
      given.add(m, [`N${text}`, `e${text}@example.org`]);
  } else if (s.kind === 'borrow')
    await counted(app, given, 'BorrowBook', { memberId: members[s.m], bookId: s.book });
  else if (s.kind === 'return') {
    const input = { memberId: members[s.m], bookId: 'b1', note: `T${text}` };
    if (await counted(app, given, 'ReturnBook', input)) given.add(members[s.m]!, [`T${text}`]);
  } else if (s.kind === 'forget') await forgetDuring(s.m)();
  else if (s.kind === 'race') await race(app, given, members[s.m]!, text, s.offsetMs);
  else if (s.kind === 'rebuild') await rebuild(app, forgetDuring(s.m));
  else if (s.kind === 'rollback') await rollback(app, forgetDuring(s.m));
  else await Promise.all([app.replay({ kind: 'all' }), forgetDuring(s.m)()]);
}
