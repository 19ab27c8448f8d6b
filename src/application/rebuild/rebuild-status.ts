import type { ProjectionPointer, TableSlot } from '../../projections/table-pointer';

/**
 * Where a rebuild is: resetting the standby table, replaying every event into it, waiting at the flip gate,
 * flipped (the standby is active now), failed, or rolled back afterwards.
 */
export type RebuildState = 'RESETTING' | 'REPLAYING' | 'GATING' | 'FLIPPED' | 'FAILED' | 'ROLLED_BACK';

/** What the control table keeps about one rebuild of a projection. */
export interface RebuildStatus {
  readonly rebuildId: string;
  readonly projection: string;
  readonly state: RebuildState;
  /** The slot that was active when the rebuild started. */
  readonly from: TableSlot;
  /** The slot the rebuild fills and then makes active. */
  readonly standby: TableSlot;
  readonly replayId: string;
  readonly startedAt: string;
  readonly flippedAt?: string;
  readonly rolledBackAt?: string;
  readonly endedAt?: string;
  readonly error?: string;
  /** Flip-gate checks made so far. */
  readonly gateChecks: number;
  /** Streams the standby was behind the active table on at the last gate check. */
  readonly lagging: number;
  /** Events republished into the standby for streams that stayed behind (see the flip gate). */
  readonly repaired: number;
  /** The sum of the standby's gate versions at the last check: unchanged means its consumer is idle. */
  readonly standbyApplied?: number;
}

/** The fields a rebuild's progress changes. */
export type RebuildChange = Partial<
  Pick<
    RebuildStatus,
    | 'state'
    | 'flippedAt'
    | 'rolledBackAt'
    | 'endedAt'
    | 'error'
    | 'gateChecks'
    | 'lagging'
    | 'repaired'
    | 'standbyApplied'
  >
>;

/** Keeps rebuild status in the control table; at most one open rebuild per projection. */
export interface RebuildStatusStore {
  /** Stores a new rebuild and takes the projection's rebuild lock; false when another rebuild holds it. */
  begin(status: RebuildStatus): Promise<boolean>;
  get(projection: string, rebuildId: string): Promise<RebuildStatus | undefined>;
  /** The projection's most recent rebuild. */
  latest(projection: string): Promise<RebuildStatus | undefined>;
  /**
   * Changes a rebuild; with `release`, also frees the projection's rebuild lock. With `from`, only while the rebuild
   * is in one of those states (one conditional write): false when it was not, and then nothing changed.
   */
  update(
    projection: string,
    rebuildId: string,
    change: RebuildChange,
    options?: { readonly release?: boolean; readonly from?: readonly RebuildState[] },
  ): Promise<boolean>;
  /**
   * Writes the projection's pointer and changes a rebuild in one step: the pointer only while its stored revision
   * is `expectedRevision`, the rebuild only while it is in one of `from`. False when either condition failed, and
   * then neither changed. With `release`, the rebuild lock is freed afterwards.
   */
  updateWithPointer(
    pointer: ProjectionPointer,
    expectedRevision: number,
    rebuildId: string,
    change: RebuildChange,
    options: { readonly release?: boolean; readonly from: readonly RebuildState[] },
  ): Promise<boolean>;
}

/** The states of a rebuild that is not over: its standby is being cleared, filled, or waits at the flip gate. */
export const OPEN_REBUILD_STATES: readonly RebuildState[] = ['RESETTING', 'REPLAYING', 'GATING'];

const OPEN: ReadonlySet<string> = new Set(OPEN_REBUILD_STATES);

/** Whether a rebuild in this state is not over yet (one of `OPEN_REBUILD_STATES`). */
export function isOpenRebuild(state: string): boolean {
  return OPEN.has(state);
}
