import { readFileSync } from 'node:fs';
import { type CostBudget, budgetDifferences, budgetOf } from '../../../bench/cost/cost-budget';
import { type CaseCost, measureCosts } from '../../../bench/cost/cost-cases';
import { COST_BUDGET_FILE } from '../../../bench/cost/cost-run';
import { eventfoldCostSubject } from '../../../bench/cost/eventfold-cost-subject';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../src/infrastructure/local/dynamodb-local';

describe("eventfold's DynamoDB cost per command, held to bench/cost-budget.json", () => {
  let local: DynamoDbLocal;
  let costs: CaseCost[];

  beforeAll(async () => {
    local = await startDynamoDbLocal();
    const subject = await eventfoldCostSubject(local.endpoint);
    try {
      costs = await measureCosts(subject);
    } finally {
      await subject.close();
    }
  }, 90_000);

  afterAll(async () => {
    await local?.stop();
  });

  it('spends exactly the budgeted requests and units on every command kind and its fan-out', () => {
    const budget = JSON.parse(readFileSync(COST_BUDGET_FILE, 'utf8')) as CostBudget;
    const differences = budgetDifferences(budgetOf(costs), budget);
    if (differences.length > 0) {
      throw new Error(
        `eventfold's costs differ from bench/cost-budget.json (rewrite it with ` +
          `\`npm run bench -- --suites cost --update-cost-budget\` when a change is meant):\n` +
          differences.join('\n'),
      );
    }
  });

  // Issue 24's target: a command's fan-out costs at most the command itself. A Pay alone in its batch is the
  // exception the benchmarks explain (its day row and both accounts' gates move in one transaction of three items).
  it("fans out for at most the command's own $, except a Pay alone in its batch", () => {
    const over = costs
      .filter((c) => c.fanOut && c.kind !== 'bank Pay, 2 aggregates')
      .filter((c) => c.fanOut!.dollarsPerMillion > c.dollarsPerMillion)
      .map((c) => `${c.kind}: fan-out $${c.fanOut!.dollarsPerMillion} > command $${c.dollarsPerMillion}`);
    expect(over).toEqual([]);
    expect(costs.filter((c) => c.fanOut).length).toBeGreaterThanOrEqual(4);
  });
});
