import fc from 'fast-check';
import { libraryDomain, MemberRegistered } from '../../../examples/library';
import {
  On,
  OnEvent,
  Process,
  type ProcessContext,
  ProcessManager,
  Projection,
  type RowChanges,
  RowProjection,
  StartedBy,
  SubjectForgotten,
} from '../../../src';
import { defineEventfoldApp } from '../../../src/aws';
import { inMemoryApp } from '../../../src/testing';

/**
 * A member's registration parked in the dead letters (a projection's and a process manager's handler fail and quote
 * the name in their errors), the member forgotten (or not), then a redrive: no letter and no record of the store
 * (the process's parked input included) ever holds the name, and the redrive delivers the replacement after a forget.
 * Names by fast-check.
 */
const RUNS = Number(process.env.EVENTFOLD_SHRED_RUNS ?? 15);
const poisoned = { cards: false, labels: false };

@Projection('member-cards')
class MemberCards extends RowProjection<{ name: string }> {
  @On(MemberRegistered)
  registered(e: MemberRegistered, rows: RowChanges<{ name: string }>): void {
    if (poisoned.cards) throw new Error(`no card for ${e.name}`);
    rows.set(`card#${e.memberId}`, { name: e.name });
  }

  @On(SubjectForgotten)
  forgotten(e: SubjectForgotten, rows: RowChanges<{ name: string }>): void {
    rows.set(`card#${e.subject}`, { name: '(forgotten)' });
  }
}

@ProcessManager('member-labels')
class MemberLabels extends Process<{ label: string }> {
  initialState() {
    return { label: '' };
  }

  @StartedBy(MemberRegistered, (e: MemberRegistered) => e.memberId)
  registered(_: { label: string }, e: MemberRegistered, ctx: ProcessContext) {
    if (poisoned.labels) throw new Error(`no label for ${e.name}`);
    ctx.complete();
    return { label: `To ${e.name}` };
  }

  // Never called: keeps the class a process with more than one handler, as real ones are.
  @OnEvent(SubjectForgotten, (e: SubjectForgotten) => e.subject)
  forgotten(state: { label: string }) {
    return state;
  }
}

const app = () =>
  inMemoryApp(
    defineEventfoldApp({
      domain: libraryDomain,
      projections: [new MemberCards()],
      processes: [MemberLabels],
    }),
  );

describe('dead letters of personal data, and a redrive after a forget', () => {
  afterEach(() => Object.assign(poisoned, { cards: false, labels: false }));

  it('parks no plaintext and redrives the replacement', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Z][a-z]{3,10}$/), fc.boolean(), async (first, forget) => {
        const name = `${first}Qx`;
        const test = await app();
        Object.assign(poisoned, { cards: true, labels: true });
        await test.command('RegisterMember', { memberId: 'm1', name, email: null });
        const letters = JSON.stringify([test.deadLetters.letters, test.processes.deadLetters.letters]);
        expect(test.deadLetters.letters).toHaveLength(1);
        expect(test.processes.deadLetters.letters).toHaveLength(1);
        expect(letters).not.toContain(name);
        expect(letters).toContain('message withheld');
        if (forget) await test.forget('m1');
        Object.assign(poisoned, { cards: false, labels: false });
        expect(await test.redrive()).toMatchObject({ released: 1 });
        expect(await test.processes.redrive()).toMatchObject({ released: 1 });
        const shown = forget ? '(forgotten)' : name;
        expect(await test.row(MemberCards, 'card#m1')).toEqual({ name: shown });
        const labels = await test.processes.state<{ label: string }>(MemberLabels, 'm1');
        expect(labels.state.label).toBe(`To ${shown}`);
        const cleaned = await test.readModels.dump({ projection: 'member-cards', slot: 'blue' });
        const stored = (await test.events.readAll({ limit: 1_000 })).events;
        expect(JSON.stringify([stored, forget ? cleaned : []])).not.toContain(name);
        await test.stop();
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
