import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { budgetOf } from './cost-budget';
import { measureAllCosts, writeCostResults } from './cost-suite';

/** Where the checked-in budget of eventfold's costs lives; `npm test` holds eventfold to it. */
export const COST_BUDGET_FILE = join(__dirname, '..', 'cost-budget.json');

/**
 * The cost suite of `npm run bench`: measures every subject, writes `cost.json` and `cost.md` beside the other
 * results, and with `updateBudget` rewrites the budget file from eventfold's measured costs.
 */
export async function costSuite(
  outDir: string,
  updateBudget: boolean,
  log: (line: string) => void,
): Promise<void> {
  const costs = await measureAllCosts(log);
  writeCostResults(costs, outDir);
  if (updateBudget) {
    const budget = budgetOf(costs.filter((cost) => cost.subject === 'eventfold'));
    writeFileSync(COST_BUDGET_FILE, `${JSON.stringify(budget, null, 2)}\n`);
    log(`cost: budget written to ${COST_BUDGET_FILE}`);
  }
}
