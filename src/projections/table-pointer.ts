/** The two tables a rebuildable projection swaps between. */
export type TableSlot = 'blue' | 'green';

/** Where a projection's readers and writers go: the active table, and the standby while a rebuild runs. */
export interface ProjectionPointer {
  readonly projection: string;
  /** Readers always read this slot. */
  readonly active: TableSlot;
  /** Present while a rebuild fills it: live events are applied to it as well as to the active slot. */
  readonly rebuilding?: {
    readonly rebuildId: string;
    readonly standby: TableSlot;
    readonly replayId?: string;
    /**
     * Set by the flip gate once the standby is level, just before the flip: live events then reach the standby
     * first (see `targetsOf`), so that it never lacks a version a reader of the active table has seen.
     */
    readonly handover?: boolean;
  };
  /** The slot the last flip left behind, kept for rollback. */
  readonly previous?: TableSlot;
  /**
   * Present while a rollback brings `previous` level with `active` before readers move back to it: live events are
   * applied to `previous` first and then to the active slot (a hand-over, see `targetsOf`).
   */
  readonly restoring?: { readonly rollbackId: string };
  /** Bumped on every change; a flip is a conditional write on it. */
  readonly revision: number;
}

/** Reads and changes projection pointers; kept in the control table by the DynamoDB adapter. */
export interface ProjectionPointerStore {
  /** The pointer of a projection; a projection never rebuilt is active on 'blue' at revision 0. */
  get(projection: string): Promise<ProjectionPointer>;
  /** Writes the pointer if its stored revision is still `expectedRevision`; false when another writer got there first. */
  put(pointer: ProjectionPointer, expectedRevision: number): Promise<boolean>;
}

/** The slot that is not `slot`. */
export function otherSlot(slot: TableSlot): TableSlot {
  return slot === 'blue' ? 'green' : 'blue';
}

/** What the pointer relies on `slot` for, if anything: readers (active), a rollback (previous) or a rebuild. */
export function slotRoleIn(
  pointer: ProjectionPointer,
  slot: TableSlot,
): 'active' | 'previous' | 'rebuilding' | undefined {
  if (pointer.active === slot) return 'active';
  if (pointer.previous === slot) return 'previous';
  return pointer.rebuilding?.standby === slot ? 'rebuilding' : undefined;
}
