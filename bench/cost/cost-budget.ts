import type { CaseCost } from './cost-cases';
import type { CostSummary } from './metered-client';

/** What one command kind may cost: requests by operation and units, for the command and its fan-out. */
export interface KindBudget {
  readonly requests: Readonly<Record<string, number>>;
  readonly wru: number;
  readonly rru: number;
  readonly fanOut?: KindBudget;
}

/** The checked-in budget: eventfold's exact costs per command kind. */
export type CostBudget = Readonly<Record<string, KindBudget>>;

const summaryBudget = (cost: CostSummary): KindBudget => ({
  requests: cost.byOperation,
  wru: cost.wru,
  rru: cost.rru,
});

/** The budget that holds a subject's measured costs exactly. */
export function budgetOf(costs: readonly CaseCost[]): CostBudget {
  return Object.fromEntries(
    costs.map((cost) => [
      cost.kind,
      { ...summaryBudget(cost), ...(cost.fanOut ? { fanOut: summaryBudget(cost.fanOut) } : {}) },
    ]),
  );
}

function compare(where: string, what: string, measured: number, allowed: number): string[] {
  if (measured > allowed)
    return [`${where}: ${what} ${measured}, over the budget of ${allowed} (+${measured - allowed})`];
  if (measured < allowed) {
    return [`${where}: ${what} ${measured}, under the budget of ${allowed}: lower the budget to ${measured}`];
  }
  return [];
}

function compareKind(
  where: string,
  measured: KindBudget | undefined,
  allowed: KindBudget | undefined,
): string[] {
  if (!measured || !allowed) {
    return measured === allowed
      ? []
      : [`${where}: ${measured ? 'measured but not in the budget' : 'in the budget but not measured'}`];
  }
  const operations = [
    ...new Set([...Object.keys(measured.requests), ...Object.keys(allowed.requests)]),
  ].sort();
  return [
    ...operations.flatMap((op) =>
      compare(where, `${op} requests`, measured.requests[op] ?? 0, allowed.requests[op] ?? 0),
    ),
    ...compare(where, 'WRU', measured.wru, allowed.wru),
    ...compare(where, 'RRU', measured.rru, allowed.rru),
    ...compareKind(`${where}, fan-out`, measured.fanOut, allowed.fanOut),
  ];
}

/**
 * Every difference between measured costs and the budget, one line each naming the command kind, the operation
 * or unit, and both figures: more is a regression; less means the budget must be lowered, so it stays exact.
 */
export function budgetDifferences(measured: CostBudget, budget: CostBudget): string[] {
  const kinds = [...new Set([...Object.keys(budget), ...Object.keys(measured)])];
  return kinds.flatMap((kind) => compareKind(kind, measured[kind], budget[kind]));
}
