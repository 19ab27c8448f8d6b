/**
 * The Step Functions history events each part of the replay workflow costs (Standard workflows stop at 25,000).
 * A page iteration: TaskStateEntered, LambdaFunctionScheduled, LambdaFunctionStarted, LambdaFunctionSucceeded,
 * TaskStateExited (5) and the Choice state's Entered/Exited (2). A gate iteration adds a Wait state (2).
 * Each retry of the task adds LambdaFunctionFailed, LambdaFunctionScheduled and LambdaFunctionStarted (3).
 * The tail is the most either ending costs: continue-as-new (a startExecution task, 6, plus ExecutionSucceeded)
 * or failure (the catch, a task that records the failure, the Fail state and ExecutionFailed).
 */
export const HistoryCost = {
  executionStarted: 1,
  pageIteration: 7,
  gateIteration: 9,
  retry: 3,
  /** The task's Retry policy in the ASL allows at most this many retries. */
  maxRetries: 2,
  tail: 8,
} as const;

/** The history limit of a Standard workflow execution. */
export const STANDARD_HISTORY_LIMIT = 25_000;

/** The default budget: below the limit, with room for events this count cannot see (redrives, console tasks). */
export const DEFAULT_HISTORY_BUDGET = 24_000;

const worstIteration = HistoryCost.gateIteration + HistoryCost.maxRetries * HistoryCost.retry;

/** The smallest budget that lets one execution run at least one iteration and still end cleanly. */
export const MIN_HISTORY_BUDGET = HistoryCost.executionStarted + 2 * worstIteration + HistoryCost.tail;

/** History events used after one more iteration of `kind` that needed `retries` retries. */
export function spendIteration(used: number, kind: 'page' | 'gate', retries: number): number {
  const cost = kind === 'page' ? HistoryCost.pageIteration : HistoryCost.gateIteration;
  return used + cost + Math.max(0, retries) * HistoryCost.retry;
}

/** True when the next iteration might not fit: the execution must continue as a new one now. */
export function mustContinueAsNew(used: number, budget: number): boolean {
  return used + worstIteration + HistoryCost.tail > budget;
}
