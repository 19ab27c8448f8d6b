import type { ReadModelTarget } from '../../projections/read-model-store';
import type { TableSlot } from '../../projections/table-pointer';

/**
 * Empties the table of a projection slot before a rebuild fills it. The table itself stays (it belongs to the
 * deployment): only its items go. Nothing may write to the slot while it is emptied.
 */
export interface ReadModelSlotReset {
  reset(target: ReadModelTarget): Promise<void>;
}

/** The version gates of a projection slot: the last version applied per stream. */
export interface SlotVersions {
  /** Every gate of the slot (a consistent scan). */
  versions(target: ReadModelTarget): Promise<ReadonlyMap<string, number>>;
  /** The gates of some streams (consistent point reads); a stream without a gate is absent. */
  versionsOf(target: ReadModelTarget, streamIds: readonly string[]): Promise<ReadonlyMap<string, number>>;
}

/** What a catch-up did: events republished, and streams still behind when it gave up (0: level). */
export interface CatchUpResult {
  readonly republished: number;
  readonly lagging: number;
}

/**
 * Brings a slot level with another: republishes into `behind` every version `ahead` has applied and it has not,
 * and waits until `behind` holds them (a rollback does this before readers move back).
 */
export interface SlotCatchUp {
  catchUp(projection: string, behind: TableSlot, ahead: TableSlot): Promise<CatchUpResult>;
}
