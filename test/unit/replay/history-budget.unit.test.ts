import fc from 'fast-check';
import {
  DEFAULT_HISTORY_BUDGET,
  HistoryCost,
  MIN_HISTORY_BUDGET,
  mustContinueAsNew,
  spendIteration,
  STANDARD_HISTORY_LIMIT,
} from '../../../src/application/replay/history-budget';

/** Plays one execution: iterations until the budget says continue (or the work ends); returns its history. */
function playExecution(
  budget: number,
  iterations: ReadonlyArray<{ kind: 'page' | 'gate'; retries: number }>,
) {
  let used: number = HistoryCost.executionStarted;
  let done = 0;
  for (const { kind, retries } of iterations) {
    used = spendIteration(used, kind, retries);
    done += 1;
    if (mustContinueAsNew(used, budget)) break;
  }
  return { used: used + HistoryCost.tail, done };
}

const iteration = fc.record({
  kind: fc.constantFrom<'page' | 'gate'>('page', 'gate'),
  retries: fc.integer({ min: 0, max: HistoryCost.maxRetries }),
});

describe('the history budget of one replay execution', () => {
  it('never lets an execution, ending included, pass its budget, and always makes progress', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: MIN_HISTORY_BUDGET, max: 30_000 }),
        fc.array(iteration, { minLength: 1, maxLength: 5_000 }),
        (budget, iterations) => {
          const { used, done } = playExecution(budget, iterations);
          expect(used).toBeLessThanOrEqual(budget);
          expect(done).toBeGreaterThanOrEqual(1);
        },
      ),
    );
  });

  it('keeps the default budget below the Standard workflow limit of 25,000 events', () => {
    expect(DEFAULT_HISTORY_BUDGET).toBeLessThan(STANDARD_HISTORY_LIMIT);
    const pages = Array.from({ length: 10_000 }, () => ({ kind: 'page' as const, retries: 0 }));
    const { used, done } = playExecution(DEFAULT_HISTORY_BUDGET, pages);
    expect(used).toBeLessThanOrEqual(DEFAULT_HISTORY_BUDGET);
    expect(done).toBeGreaterThan(3_000);
  });

  it('counts a page iteration as 7 history events and each retry as 3 more', () => {
    expect(spendIteration(1, 'page', 0)).toBe(8);
    expect(spendIteration(1, 'page', 2)).toBe(14);
    expect(spendIteration(1, 'gate', 0)).toBe(10);
  });
});
