import type { ReplayCursor } from './replay-cursor';

/** What the replay workflow is in: continue reading pages, wait for the rebuild gate, continue as new, or end. */
export type ReplayNext = 'page' | 'wait' | 'continue' | 'done';

/**
 * The state of the replay workflow, the only data that passes between its states: ids, the cursor and counters.
 * Events never pass through the workflow.
 */
export interface ReplayWorkflowState {
  readonly replayId: string;
  readonly cursor: ReplayCursor;
  /** 'replay' while pages are published; 'gate' while a rebuild waits to flip its pointer. */
  readonly phase: 'replay' | 'gate';
  /** History events this execution has used so far. */
  readonly historyUsed: number;
  /** History events one execution may use before it continues as a new one. */
  readonly historyBudget: number;
  /** Gate checks made so far (phase 'gate'). */
  readonly gateChecks: number;
  readonly next: ReplayNext;
  /** Seconds the workflow waits before the next gate check. */
  readonly waitSeconds: number;
}

/** How an execution of the workflow stands, as the workflow engine reports it. */
export type ExecutionState = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';

/** Starts and stops executions of the replay workflow (Step Functions, on AWS or locally). */
export interface ReplayWorkflow {
  /** Starts an execution with the given state and a unique name; returns its ARN. */
  start(state: ReplayWorkflowState, name: string): Promise<string>;
  stop(executionArn: string, cause: string): Promise<void>;
  describe(executionArn: string): Promise<{ state: ExecutionState; error?: string }>;
}
