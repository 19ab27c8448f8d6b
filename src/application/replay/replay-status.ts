import type { ReplayCursor } from './replay-cursor';
import type { ReplayMode } from './replay-mode';
import type { TableSlot } from '../../projections/table-pointer';

/** Where a replay is in its life. */
export type ReplayState = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

/** Where a replay's events go: the replay stream for every consumer, or one projection's slot during a rebuild. */
export interface ReplayTarget {
  readonly projection: string;
  readonly slot: TableSlot;
  /** The rebuild this replay fills the standby table for. */
  readonly rebuildId?: string;
}

/** What the control table keeps about one replay. */
export interface ReplayStatus {
  readonly replayId: string;
  readonly state: ReplayState;
  readonly mode: ReplayMode;
  readonly target?: ReplayTarget;
  readonly eventsPublished: number;
  readonly pages: number;
  /** Where the replay continues (also after a failure: resume starts here). */
  readonly position: ReplayCursor;
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly error?: string;
  /** How many workflow executions the replay has used (continue-as-new and resumes add one each). */
  readonly executions: number;
  /** The execution running now, or the last one. */
  readonly executionArn?: string;
  /** The history-event budget of one execution the replay runs with. */
  readonly historyBudget: number;
}

/** The result of recording a page. */
export type ProgressOutcome = 'recorded' | 'already-recorded' | 'not-running';

/** Keeps replay status; the DynamoDB adapter keeps it in the control table. */
export interface ReplayStatusStore {
  /** Stores a new replay; fails if the id exists. */
  create(status: ReplayStatus): Promise<void>;
  get(replayId: string): Promise<ReplayStatus | undefined>;
  /** Records that `executionArn` now runs the replay; counts it once however often it is called. */
  recordExecution(replayId: string, executionArn: string): Promise<void>;
  /**
   * Moves the position from `from` to `to` and adds `published` events, only while the replay runs and its
   * position is still `from` (a retried page is counted once).
   */
  recordProgress(
    replayId: string,
    from: ReplayCursor,
    to: ReplayCursor,
    published: number,
  ): Promise<ProgressOutcome>;
  /** Ends a running replay (or a failed one being cancelled); false when it was not in one of `fromStates`. */
  finish(
    replayId: string,
    state: Exclude<ReplayState, 'RUNNING'>,
    fromStates: readonly ReplayState[],
    error?: string,
  ): Promise<boolean>;
  /** Sets a FAILED replay running again; false when it was not FAILED. */
  reopen(replayId: string): Promise<boolean>;
}
