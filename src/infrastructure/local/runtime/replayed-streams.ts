import { initialCursor } from '../../../application/replay/replay-cursor';
import type { ReplayMode } from '../../../application/replay/replay-mode';
import { readReplayPage } from '../../../application/replay/replay-page';
import type { EventStore } from '../../../domain/ports';

/**
 * Adds to `versions` the last version of every stream a replay of `mode` covers, read page by page as the replay
 * iterator reads them: what the projections' gates must reach before the replay's events are all applied.
 */
export async function addReplayedVersions(
  events: EventStore,
  mode: ReplayMode,
  versions: Map<string, number>,
): Promise<void> {
  let cursor = initialCursor(mode);
  for (;;) {
    const page = await readReplayPage(events, mode, cursor);
    for (const event of page.events)
      versions.set(event.streamId, Math.max(versions.get(event.streamId) ?? 0, event.version));
    if (page.done) return;
    cursor = page.cursor;
  }
}
