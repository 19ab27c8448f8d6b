import { TemporarilyUnavailableError } from '../../domain/domain-errors';
import type { ProjectionPointerStore } from '../../projections/table-pointer';
import {
  isOpenRebuild,
  OPEN_REBUILD_STATES,
  type RebuildStatus,
  type RebuildStatusStore,
} from './rebuild-status';

/** What ending a rebuild as FAILED needs. */
export interface RebuildFailureDeps {
  readonly pointers: ProjectionPointerStore;
  readonly statuses: RebuildStatusStore;
  readonly now: () => Date;
}

/** Attempts before giving up on a pointer that keeps changing under the write (each loss means another writer won). */
const ATTEMPTS = 10;

/**
 * Ends an open rebuild as FAILED and frees the projection for another one. When the pointer names the rebuild,
 * `rebuilding` comes off it in the same transaction as the FAILED write; otherwise (it never got onto the pointer,
 * or already left it) only the status changes, and only while it is open: a rebuild the flip gate flipped is
 * FLIPPED already (the gate writes both in one step) and stays so. A pointer left naming a rebuild that is over
 * (written by an older version) is cleared. Throws `TemporarilyUnavailableError` if the pointer kept changing under
 * every attempt (nothing is left half done then: each attempt changes both or neither).
 */
export async function failRebuild(
  deps: RebuildFailureDeps,
  rebuild: RebuildStatus,
  error: unknown,
): Promise<void> {
  const { projection, rebuildId } = rebuild;
  const change = { state: 'FAILED' as const, endedAt: deps.now().toISOString(), error: String(error) };
  const options = { release: true, from: OPEN_REBUILD_STATES };
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const pointer = await deps.pointers.get(projection);
    if (pointer.rebuilding?.rebuildId !== rebuildId) {
      await deps.statuses.update(projection, rebuildId, change, options);
      return;
    }
    const released = { ...pointer, rebuilding: undefined, revision: pointer.revision + 1 };
    if (await deps.statuses.updateWithPointer(released, pointer.revision, rebuildId, change, options)) return;
    const current = await deps.statuses.get(projection, rebuildId);
    if (current && !isOpenRebuild(current.state)) {
      await deps.pointers.put(released, pointer.revision);
      return;
    }
  }
  throw new TemporarilyUnavailableError(
    `projection ${projection}: the pointer kept changing while rebuild ${rebuildId} was ended; try again`,
    { projection, rebuildId, attempts: ATTEMPTS },
  );
}
