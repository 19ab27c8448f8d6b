import type { StoredEvent } from '../../../src/domain/stored-event';

/** Orders events by commit time, then stream, then version: the order `readAll` promises. */
export function commitOrder(a: StoredEvent, b: StoredEvent): number {
  if (a.committedAt !== b.committedAt) return a.committedAt < b.committedAt ? -1 : 1;
  if (a.streamId !== b.streamId) return a.streamId < b.streamId ? -1 : 1;
  return a.version - b.version;
}

/** Positions where a sequence breaks commit-time order (empty when in order). */
export function commitOrderBreaks(events: readonly StoredEvent[]): number[] {
  const breaks: number[] = [];
  for (let i = 1; i < events.length; i++) {
    if (commitOrder(events[i - 1] as StoredEvent, events[i] as StoredEvent) > 0) breaks.push(i);
  }
  return breaks;
}

/** Streams whose events are not in contiguous ascending version order within the sequence. */
export function versionOrderBreaks(events: readonly StoredEvent[]): string[] {
  const last = new Map<string, number>();
  const broken = new Set<string>();
  for (const e of events) {
    if ((last.get(e.streamId) ?? e.version - 1) !== e.version - 1) broken.add(e.streamId);
    last.set(e.streamId, e.version);
  }
  return [...broken];
}

/** `streamId@version` keys, for completeness checks. */
export function keysOf(events: readonly StoredEvent[]): string[] {
  return events.map((e) => `${e.streamId}@${e.version}`);
}
