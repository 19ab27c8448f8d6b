import type { StoredEvent } from '../../../src/domain/stored-event';
import { waitFor } from '../../../src/infrastructure/local/free-port';
import { counted } from '../../e2e/replay/counters';
import type { ProjectionParts, RebuildWorld } from './rebuild-world';

/** The version a stream has reached in the event store (0: none). */
export async function currentVersion(world: RebuildWorld, streamId: string): Promise<number> {
  let version = 0;
  for await (const e of world.events.readStream(streamId)) version = e.version;
  return version;
}

/** Commits the next counter event of a stream without delivering it; returns what was stored. */
export async function commitOne(world: RebuildWorld, streamId: string): Promise<StoredEvent[]> {
  const version = await currentVersion(world, streamId);
  await world.events.commit({
    commitId: `${streamId}@${version + 1}`,
    streams: [{ streamId, expectedVersion: version, events: [counted(version + 1)] }],
  });
  const stored: StoredEvent[] = [];
  for await (const e of world.events.readStream(streamId, { fromVersion: version + 1 })) stored.push(e);
  return stored;
}

/** Commits one event on each stream and delivers them live; returns the stored events. */
export async function writeLive(
  world: RebuildWorld,
  parts: ProjectionParts,
  streamIds: readonly string[],
): Promise<StoredEvent[]> {
  const stored: StoredEvent[] = [];
  for (const streamId of streamIds) stored.push(...(await commitOne(world, streamId)));
  await parts.live(stored);
  return stored;
}

/** Every stored event of the streams. */
export async function allEvents(world: RebuildWorld, streamIds: readonly string[]): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for (const streamId of streamIds) for await (const e of world.events.readStream(streamId)) all.push(e);
  return all;
}

/** Rebuilds the projection and steps its replay until the flip gate flipped the pointer. */
export async function rebuildAndFlip(world: RebuildWorld, parts: ProjectionParts): Promise<void> {
  const started = await parts.rebuilds.start(parts.projection);
  await waitFor(
    async () => {
      await parts.stepReplays();
      return (await world.statuses.get(parts.projection, started.rebuildId))?.state === 'FLIPPED';
    },
    'the rebuild to flip',
    30_000,
  );
}
