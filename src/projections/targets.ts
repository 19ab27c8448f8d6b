import type { ApplyMode } from './apply-context';
import type { ReadModelTarget } from './read-model-store';
import type { ProjectionPointer, TableSlot } from './table-pointer';

/** Where a delivery comes from: live (no tag) or a replay, possibly a rebuild's replay into one slot. */
export interface ReplayOrigin {
  readonly replayId: string;
  readonly projection?: string;
  readonly slot?: TableSlot;
}

/** A table to apply to, and whether the application counts as live there. */
export interface ApplyTarget {
  readonly target: ReadModelTarget;
  readonly mode: ApplyMode;
}

/** The slot live events reach besides the active one: a rebuild's standby, or the previous slot being restored. */
function fedSlot(pointer: ProjectionPointer): TableSlot | undefined {
  const fed = pointer.rebuilding?.standby ?? (pointer.restoring ? pointer.previous : undefined);
  return fed === pointer.active ? undefined : fed;
}

/**
 * The tables a delivery goes to for one projection: live events to the active slot and, while a rebuild runs,
 * to the standby slot too (as a replay there: no side effects twice), or while a rollback restores it, to the
 * previous slot. A replay of a rebuild goes only to its slot of its projection; any other replay to the active
 * slot. While readers are handed over to the other table (a rollback's `restoring`, the flip gate's `handover`),
 * live events reach that table FIRST, both applied live (the answer journal keeps a send to one call and gives
 * both the same recorded answers): a version a reader saw in the active table is then already in the table the
 * reader moves to, so no read goes back across the switch.
 */
export function targetsOf(pointer: ProjectionPointer, replay: ReplayOrigin | undefined): ApplyTarget[] {
  const projection = pointer.projection;
  if (!replay) {
    const active: ApplyTarget = { target: { projection, slot: pointer.active }, mode: 'live' };
    const fed = fedSlot(pointer);
    if (!fed) return [active];
    const handover = pointer.restoring !== undefined || pointer.rebuilding?.handover === true;
    if (handover) return [{ target: { projection, slot: fed }, mode: 'live' }, active];
    return [active, { target: { projection, slot: fed }, mode: 'replay' }];
  }
  if (replay.projection !== undefined && replay.projection !== projection) return [];
  return [{ target: { projection, slot: replay.slot ?? pointer.active }, mode: 'replay' }];
}

/**
 * Where a live forget (`SubjectForgotten`) must reach besides `targetsOf`: the previous slot a rollback may restore,
 * which no live event reaches otherwise, so that no table keeps a forgotten subject's plaintext (guarantee 14). Applied
 * there as a replay (no side effects), through its own version gates, so a later rollback's catch-up skips it.
 */
export function forgetTargetsOf(pointer: ProjectionPointer, replay: ReplayOrigin | undefined): ApplyTarget[] {
  const previous = pointer.previous;
  if (replay || previous === undefined) return [];
  if (targetsOf(pointer, replay).some((at) => at.target.slot === previous)) return [];
  return [{ target: { projection: pointer.projection, slot: previous }, mode: 'replay' }];
}
