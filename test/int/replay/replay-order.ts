import type { StoredEvent } from '../../../src/domain/stored-event';

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
