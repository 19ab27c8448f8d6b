import fc from 'fast-check';
import type { StoredEvent } from '../../../src/domain/stored-event';
import { harness } from '../../support/projections/runner-harness';
import {
  AccountDocuments,
  accountsBlue,
  DailyTotals,
  Deposited,
  Opened,
  totalsBlue,
  Withdrawn,
} from '../../support/projections/sample-projections';

/** A harness whose store counts its commits. */
function counted(projection: AccountDocuments | DailyTotals = new AccountDocuments()) {
  const h = harness([projection]);
  let commits = 0;
  const commit = h.store.commit.bind(h.store);
  h.store.commit = (...args) => {
    commits += 1;
    return commit(...args);
  };
  return { ...h, commits: () => commits };
}

function history(h: ReturnType<typeof harness>, amounts: readonly number[]): StoredEvent[] {
  const moves = amounts.map((a) => (a >= 0 ? new Deposited(a) : new Withdrawn(-a)));
  return h.append('Acc#1', new Opened('ann'), ...moves);
}

const KINDS = [
  { kind: 'document', make: () => new AccountDocuments(), target: accountsBlue },
  { kind: 'row', make: () => new DailyTotals(), target: totalsBlue },
] as const;

describe.each(KINDS)('a $kind projection applies consecutive events of a stream', ({ make, target }) => {
  it('in one write, leaving the same read model and gate as applying them one at a time', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 30 }),
        async (amounts) => {
          const together = counted(make());
          const apart = counted(make());
          const events = history(together, amounts);
          history(apart, amounts);
          await together.runner.deliver({ events });
          for (const e of events) await apart.runner.deliver({ events: [e] });
          expect(together.commits()).toBe(1);
          expect(apart.commits()).toBe(events.length);
          expect(await together.store.readState(target, 'Acc#1')).toEqual(
            await apart.store.readState(target, 'Acc#1'),
          );
          expect(await together.store.dump(target)).toEqual(await apart.store.dump(target));
        },
      ),
    );
  });
});

describe('a document projection folding a delivery', () => {
  it('writes the events before a failing handler, parks the failing one and holds the rest', async () => {
    const projection = new AccountDocuments();
    const h = counted(projection);
    const events = history(h, [10, 20, 30, 40]);
    projection.poisoned.add('Acc#1@4');
    await h.runner.deliver({ events });
    expect(await h.store.readState(accountsBlue, 'Acc#1')).toMatchObject({
      version: 3,
      document: { balance: 30, movements: 2 },
      parked: { version: 4 },
    });
    expect(h.deadLetters.letters.map((l) => [l.streamId, l.version])).toEqual([['Acc#1', 4]]);
  });

  it('applies each event once when two deliveries of the same record race', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: 9 }), { minLength: 2, maxLength: 20 }), async (amounts) => {
        const h = harness([new AccountDocuments()]);
        const events = history(h, amounts);
        await Promise.all([h.runner.deliver({ events }), h.runner.deliver({ events: events.slice(1) })]);
        expect(await h.store.readState(accountsBlue, 'Acc#1')).toMatchObject({
          version: events.length,
          document: { balance: amounts.reduce((s, a) => s + a, 0), movements: amounts.length },
        });
      }),
    );
  });
});
