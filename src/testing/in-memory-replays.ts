import { randomUUID } from 'node:crypto';
import { initialCursor } from '../application/replay/replay-cursor';
import type { ReplayMode } from '../application/replay/replay-mode';
import { readReplayPage } from '../application/replay/replay-page';
import type { EventStore } from '../domain/ports';
import type { InMemoryReadModelStore } from '../projections/in-memory-read-model-store';
import type { ProjectionRunner } from '../projections/projection-runner';
import { otherSlot, type ProjectionPointerStore, type TableSlot } from '../projections/table-pointer';

/** What an in-memory replay or rebuild drives: the store it reads, the runner it delivers to, the tables. */
export interface InMemoryReplayDeps {
  readonly events: EventStore;
  readonly runner: () => ProjectionRunner;
  readonly pointers: ProjectionPointerStore;
  readonly readModels: InMemoryReadModelStore;
}

/**
 * Replays in one process: the pages the replay iterator reads (`readReplayPage`, the same order and cursor), each
 * delivered to the real runner as a replay delivery, so the version gate, folding and "no side effects in
 * replays" are the consumer's own. A rebuild's replay goes to its projection's standby slot only.
 */
export async function replayInMemory(
  deps: InMemoryReplayDeps,
  mode: ReplayMode,
  into?: { projection: string; slot: TableSlot },
): Promise<number> {
  const replay = { replayId: randomUUID(), ...into };
  let cursor = initialCursor(mode);
  let delivered = 0;
  for (;;) {
    const page = await readReplayPage(deps.events, mode, cursor);
    if (page.events.length > 0) await deps.runner().deliver({ events: page.events, replay });
    delivered += page.events.length;
    if (page.done) return delivered;
    cursor = page.cursor;
  }
}

/**
 * Rebuilds a projection in memory as the rebuild service does on AWS: marks the standby slot rebuilding (live
 * events then reach it too), empties it, replays every event into it, then flips the pointer to it, keeping the
 * old slot as `previous`. Deliveries run one at a time here, so the standby holds everything once the replay ends.
 */
export async function rebuildInMemory(deps: InMemoryReplayDeps, projection: string): Promise<void> {
  const before = await deps.pointers.get(projection);
  const standby = otherSlot(before.active);
  deps.readModels.clear({ projection, slot: standby });
  const rebuilding = { ...before, rebuilding: { rebuildId: randomUUID(), standby } };
  await deps.pointers.put(rebuilding, before.revision);
  await replayInMemory(deps, { kind: 'all' }, { projection, slot: standby });
  const now = await deps.pointers.get(projection);
  await deps.pointers.put(
    { projection, active: standby, previous: before.active, revision: now.revision },
    now.revision,
  );
}
