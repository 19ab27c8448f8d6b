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

/** Brings a slot up to another: republishes into `behind` every version `ahead` has applied and it has not. */
export interface SlotCatchUp {
  /** Returns how many events were republished. */
  catchUp(projection: string, behind: TableSlot, ahead: TableSlot): Promise<number>;
}
