import { randomUUID } from 'node:crypto';
import { TemporarilyUnavailableError } from '../../domain/domain-errors';
import type { ProjectionPointer, ProjectionPointerStore, TableSlot } from '../../projections/table-pointer';
import { RebuildConflictError } from './rebuild-errors';
import type { SlotCatchUp } from './rebuild-ports';
import type { RebuildStatus, RebuildStatusStore } from './rebuild-status';

/** What a rollback needs. */
export interface RollbackDeps {
  readonly pointers: ProjectionPointerStore;
  readonly statuses: RebuildStatusStore;
  readonly catchUp: SlotCatchUp;
  /** How long live batches that read the pointer before it said `restoring` get to land; 1 s when absent. */
  readonly inFlightMs?: number;
  readonly now: () => Date;
}

/** The restored table is not level with the active one yet; the pointer still feeds it, so calling again goes on. */
export class RollbackNotLevelError extends TemporarilyUnavailableError {
  constructor(projection: string, restored: TableSlot, lagging: number) {
    super(
      `projection ${projection}: table ${restored} is still behind on ${lagging} stream(s); roll back again`,
      {
        projection,
        restored,
        lagging,
      },
    );
  }
}

/**
 * Switches readers back to the previous table, but only once it holds everything the active table holds, so that
 * no reader sees a document go back. First the pointer says `restoring` (live events then reach both tables),
 * then the previous table is caught up (gate comparison, republishing what it misses), and then ONE conditional
 * write on the revision that said `restoring` moves readers: a rebuild start, another rollback or anything else
 * that changed the pointer meanwhile wins, and this rollback answers `RebuildConflictError`.
 */
export async function rollBack(
  deps: RollbackDeps,
  projection: string,
): Promise<{ readonly republished: number; readonly latest?: RebuildStatus }> {
  const read = await deps.pointers.get(projection);
  if (read.rebuilding) throw new RebuildConflictError(projection, 'a rebuild is running');
  if (!read.previous) throw new RebuildConflictError(projection, 'no previous table to roll back to');
  const restored = read.previous;
  const restoring = await write(deps, { ...read, restoring: { rollbackId: randomUUID() } }, read);
  await new Promise((resolve) => setTimeout(resolve, deps.inFlightMs ?? 1_000));
  const { republished, lagging } = await deps.catchUp.catchUp(projection, restored, read.active);
  if (lagging > 0) throw new RollbackNotLevelError(projection, restored, lagging);
  const latest = await deps.statuses.latest(projection);
  await write(deps, { projection, active: restored, previous: read.active, revision: 0 }, restoring);
  await markSwitched(deps, latest);
  return { republished, latest };
}

async function write(
  deps: RollbackDeps,
  next: ProjectionPointer,
  current: ProjectionPointer,
): Promise<ProjectionPointer> {
  const written = { ...next, revision: current.revision + 1 };
  if (!(await deps.pointers.put(written, current.revision))) {
    throw new RebuildConflictError(next.projection, 'the pointer changed meanwhile');
  }
  return written;
}

/** A rollback of a flipped rebuild marks it ROLLED_BACK; rolling back again (forward) marks it FLIPPED again. */
async function markSwitched(deps: RollbackDeps, latest: RebuildStatus | undefined): Promise<void> {
  if (latest?.state !== 'FLIPPED' && latest?.state !== 'ROLLED_BACK') return;
  const state = latest.state === 'FLIPPED' ? 'ROLLED_BACK' : 'FLIPPED';
  const change = { state, rolledBackAt: deps.now().toISOString() } as const;
  await deps.statuses.update(latest.projection, latest.rebuildId, change);
}
