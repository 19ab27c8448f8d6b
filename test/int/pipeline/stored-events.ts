import type { StoredEvent } from '../../../src/domain/stored-event';

/** Builds a stored event as the store would hold it (for publisher and forwarder tests). */
export function storedEvent(
  streamId: string,
  version: number,
  data: Record<string, unknown> = {},
): StoredEvent {
  return {
    eventId: `${streamId}@${version}`,
    streamId,
    version,
    type: 'Tested',
    schemaVersion: 1,
    data,
    metadata: {},
    commitId: `c-${streamId}-${version}`,
    committedAt: '2026-11-22T12:00:00.000Z',
  };
}

/** Interleaves per-stream histories into one list, keeping each stream's order (deterministic by `picks`). */
export function interleave(histories: StoredEvent[][], picks: number[]): StoredEvent[] {
  const queues = histories.map((h) => [...h]);
  const out: StoredEvent[] = [];
  let p = 0;
  while (queues.some((q) => q.length > 0)) {
    const open = queues.filter((q) => q.length > 0);
    const queue = open[(picks[p++ % Math.max(picks.length, 1)] ?? 0) % open.length] as StoredEvent[];
    out.push(queue.shift() as StoredEvent);
  }
  return out;
}
