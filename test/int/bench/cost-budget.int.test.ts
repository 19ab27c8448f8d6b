import { readFileSync } from 'node:fs';
import { type CostBudget, budgetDifferences, budgetOf } from '../../../bench/cost/cost-budget';
import { measureCosts } from '../../../bench/cost/cost-cases';
import { COST_BUDGET_FILE } from '../../../bench/cost/cost-run';
import { eventfoldCostSubject } from '../../../bench/cost/eventfold-cost-subject';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../src/infrastructure/local/dynamodb-local';

describe("eventfold's DynamoDB cost per command, held to bench/cost-budget.json", () => {
  let local: DynamoDbLocal;

  beforeAll(async () => {
    local = await startDynamoDbLocal();
  }, 60_000);

  afterAll(async () => {
    await local?.stop();
  });

  it('spends exactly the budgeted requests and units on every command kind and its fan-out', async () => {
    const subject = await eventfoldCostSubject(local.endpoint);
    try {
      const measured = budgetOf(await measureCosts(subject));
      const budget = JSON.parse(readFileSync(COST_BUDGET_FILE, 'utf8')) as CostBudget;
      const differences = budgetDifferences(measured, budget);
      if (differences.length > 0) {
        throw new Error(
          `eventfold's costs differ from bench/cost-budget.json (rewrite it with ` +
            `\`npm run bench -- --suites cost --update-cost-budget\` when a change is meant):\n` +
            differences.join('\n'),
        );
      }
    } finally {
      await subject.close();
    }
  }, 60_000);
});
