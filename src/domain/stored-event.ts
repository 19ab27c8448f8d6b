import type { EventData } from './upcasting';

/** Who and what caused an event: correlation and causation ids, the actor, and anything else. */
export interface EventMetadata {
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly actor?: string;
  readonly [key: string]: unknown;
}

/** An event ready to be appended: serialized data with its stable identity. */
export interface NewEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: EventData;
  readonly metadata?: EventMetadata;
}

/** An event as the store holds it: a version in its stream, a commit and a commit time. */
export interface StoredEvent extends NewEvent {
  readonly streamId: string;
  readonly version: number;
  readonly commitId: string;
  /** ISO-8601 commit time, the same for every event of one commit. */
  readonly committedAt: string;
  readonly metadata: EventMetadata;
}

/** Where a new event lands: its stream, its version there, and its commit. */
export interface EventPlacement {
  readonly streamId: string;
  readonly version: number;
  readonly commitId: string;
  readonly committedAt: string;
}

/**
 * A new event as stored at `placement`: exactly the fields a store keeps (metadata defaults to `{}`), so what a
 * commit returns equals what a later read returns, whatever else the caller's object carries.
 */
export function storedEventOf(event: NewEvent, placement: EventPlacement): StoredEvent {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata ?? {},
    streamId: placement.streamId,
    version: placement.version,
    commitId: placement.commitId,
    committedAt: placement.committedAt,
  };
}

const SEPARATOR = '#';
const PART = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}$/;

/** Builds the stream id `<AggregateType>#<id>`. */
export function streamIdOf(aggregateType: string, aggregateId: string): string {
  return `${aggregateType}${SEPARATOR}${aggregateId}`;
}

/** Splits a stream id into aggregate type and id; undefined when it is not a valid stream id. */
export function parseStreamId(streamId: string): { aggregateType: string; aggregateId: string } | undefined {
  const at = streamId.indexOf(SEPARATOR);
  if (at < 0) return undefined;
  const aggregateType = streamId.slice(0, at);
  const aggregateId = streamId.slice(at + 1);
  if (!PART.test(aggregateType) || !PART.test(aggregateId)) return undefined;
  return { aggregateType, aggregateId };
}

/** The rule a stream id's two parts follow, for error messages. */
export const STREAM_ID_RULE = `<type>#<id>, each part matching ${PART}`;

/** Groups events by stream, keeping each stream's events in the order given (first appearance orders streams). */
export function groupByStream(events: readonly StoredEvent[]): Map<string, StoredEvent[]> {
  const groups = new Map<string, StoredEvent[]>();
  for (const event of events) {
    const group = groups.get(event.streamId);
    if (group) group.push(event);
    else groups.set(event.streamId, [event]);
  }
  return groups;
}
