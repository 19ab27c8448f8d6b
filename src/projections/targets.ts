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

/**
 * The tables a delivery goes to for one projection: live events to the active slot and, while a rebuild runs,
 * to the standby slot too (as a replay there: no side effects twice), or while a rollback restores it, to the
 * previous slot; a rebuild's replay only to its slot of its
 * projection; any other replay to the active slot.
 */
export function targetsOf(pointer: ProjectionPointer, replay: ReplayOrigin | undefined): ApplyTarget[] {
  const projection = pointer.projection;
  if (!replay) {
    const live: ApplyTarget[] = [{ target: { projection, slot: pointer.active }, mode: 'live' }];
    const standby = pointer.rebuilding?.standby ?? (pointer.restoring ? pointer.previous : undefined);
    if (standby && standby !== pointer.active)
      live.push({ target: { projection, slot: standby }, mode: 'replay' });
    return live;
  }
  if (replay.projection !== undefined && replay.projection !== projection) return [];
  return [{ target: { projection, slot: replay.slot ?? pointer.active }, mode: 'replay' }];
}
