import type { ReadModelTarget } from '../../projections/read-model-store';
import type { TableSlot } from '../../projections/table-pointer';

/** Empties the table of a projection slot (deletes and recreates it, or clears it) before a rebuild fills it. */
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
