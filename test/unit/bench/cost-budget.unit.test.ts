import fc from 'fast-check';
import { type CostBudget, budgetDifferences } from '../../../bench/cost/cost-budget';

const kind = fc.record({
  requests: fc.dictionary(
    fc.constantFrom('GetItem', 'Query', 'PutItem', 'UpdateItem'),
    fc.integer({ min: 1, max: 9 }),
    {
      minKeys: 1,
    },
  ),
  wru: fc.integer({ min: 0, max: 50 }),
  rru: fc.integer({ min: 0, max: 100 }).map((halves) => halves / 2),
});
const budget = fc.dictionary(fc.constantFrom('create', 'existing', 'pay'), kind, { minKeys: 1 });

describe('cost budget differences', () => {
  it('finds none when the measured costs equal the budget (property)', () => {
    fc.assert(fc.property(budget, (b) => expect(budgetDifferences(b, structuredClone(b))).toEqual([])));
  });

  it('names the kind, the operation and both counts of one added or removed request (property)', () => {
    fc.assert(
      fc.property(budget, fc.nat(), fc.boolean(), (b, pick, added) => {
        const kinds = Object.keys(b);
        const k = kinds[pick % kinds.length]!;
        const op = Object.keys(b[k]!.requests)[0]!;
        const allowed = b[k]!.requests[op]!;
        const measured: CostBudget = {
          ...b,
          [k]: { ...b[k]!, requests: { ...b[k]!.requests, [op]: allowed + (added ? 1 : -1) } },
        };
        const differences = budgetDifferences(measured, b);
        expect(differences).toHaveLength(1);
        expect(differences[0]).toContain(`${k}: ${op} requests ${allowed + (added ? 1 : -1)}`);
        expect(differences[0]).toContain(added ? 'over the budget' : 'lower the budget');
      }),
    );
  });

  it('names added units, a new operation and a fan-out apart from the command', () => {
    const b: CostBudget = {
      pay: { requests: { Query: 2 }, wru: 6, rru: 3, fanOut: { requests: {}, wru: 1, rru: 1 } },
    };
    const measured: CostBudget = {
      pay: { requests: { Query: 2, GetItem: 1 }, wru: 7, rru: 3, fanOut: { requests: {}, wru: 1, rru: 0.5 } },
    };
    expect(budgetDifferences(measured, b)).toEqual([
      'pay: GetItem requests 1, over the budget of 0 (+1)',
      'pay: WRU 7, over the budget of 6 (+1)',
      'pay, fan-out: RRU 0.5, under the budget of 1: lower the budget to 0.5',
    ]);
  });
});
