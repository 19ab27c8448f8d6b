import { randomUUID } from 'node:crypto';
import type { Commit, EventStore, GlobalPosition, ReadAllOptions } from '../domain/ports';
import type { NewEvent, StoredEvent } from '../domain/stored-event';
import { compareCommitTime } from './commit-order';
let sequence = 0;
/** A stream id unique to this process run. */
export function uniqueStream(type = 'Account'): string {
  sequence += 1;
  return `${type}#${randomUUID().slice(0, 8)}-${sequence}`;
}

/** A new event with a fresh id. */
export function newEvent(type = 'Deposited', data: Record<string, unknown> = { amount: 1 }): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: { correlationId: 'c-1', actor: 'tester' },
  };
}

/** `count` new events. */
export function newEvents(count: number, data?: Record<string, unknown>): NewEvent[] {
  return Array.from({ length: count }, () => newEvent('Deposited', data));
}

/** A commit of one append. */
export function appendCommit(streamId: string, expectedVersion: number, events: NewEvent[]): Commit {
  return { commitId: randomUUID(), streams: [{ streamId, expectedVersion, events }] };
}

/** The commit with the ids of every append marked fresh (drawn for it, as the repository's are). */
export function withFreshIds(commit: Commit): Commit {
  return { ...commit, streams: commit.streams.map((append) => ({ ...append, freshEventIds: true })) };
}

/** The versions of a contiguous stream of `count` events: 1 to `count`. */
export function versionsUpTo(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i + 1);
}

/** Every event of a stream. */
export async function readWholeStream(store: EventStore, streamId: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readStream(streamId)) events.push(event);
  return events;
}

/** Every event of the global order, page by page, from the given options on. */
export async function readAllEvents(
  store: EventStore,
  options: Omit<ReadAllOptions, 'after'> = { limit: 250 },
): Promise<{ events: StoredEvent[]; pages: number }> {
  const events: StoredEvent[] = [];
  let after: GlobalPosition | undefined;
  let pages = 0;
  do {
    const page = await store.readAll({ ...options, after });
    pages += 1;
    events.push(...page.events);
    after = page.next;
  } while (after);
  return { events, pages };
}

export { compareCommitTime };

/** True when the events are strictly increasing in (commit time, stream id, version). */
export function inCommitTimeOrder(events: readonly StoredEvent[]): boolean {
  return events.every((event, i) => i === 0 || compareCommitTime(events[i - 1]!, event) < 0);
}

/** True when every stream's events appear in ascending, contiguous version order from its first one on. */
export function inStreamOrder(events: readonly StoredEvent[]): boolean {
  const last = new Map<string, number>();
  return events.every((event) => {
    const previous = last.get(event.streamId);
    last.set(event.streamId, event.version);
    return previous === undefined || previous + 1 === event.version;
  });
}
