import type { StoredEvent } from '../domain/stored-event';

/** Orders events by commit time, then stream id, then version: the order of a store's read-all. */
export function compareCommitTime(a: StoredEvent, b: StoredEvent): number {
  if (a.committedAt !== b.committedAt) return a.committedAt < b.committedAt ? -1 : 1;
  if (a.streamId !== b.streamId) return a.streamId < b.streamId ? -1 : 1;
  return a.version - b.version;
}
