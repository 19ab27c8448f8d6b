import { groupByStream, type StoredEvent } from '../../domain/stored-event';
import type { RecordEnvelope, ReplayTag } from './record-envelope';

/** Kinesis limits on one `PutRecords` call and on one record (data plus partition key). */
export const KINESIS_LIMITS = {
  recordsPerCall: 500,
  bytesPerCall: 5 * 1024 * 1024,
  bytesPerRecord: 1024 * 1024,
};

/** One Kinesis record ready to send: consecutive events of one stream, encoded as a record envelope. */
export interface PackedRecord {
  readonly partitionKey: string;
  readonly data: Uint8Array;
  readonly events: readonly StoredEvent[];
}

/** A record that could not be built: a single event is larger than a Kinesis record may be. */
export class RecordTooLargeError extends Error {
  readonly code = 'LIMIT_EXCEEDED';
  readonly httpStatus = 413;

  constructor(
    readonly streamId: string,
    readonly version: number,
    readonly bytes: number,
  ) {
    super(`event ${streamId} v${version} encodes to ${bytes} bytes, over the Kinesis record limit`);
    this.name = 'RecordTooLargeError';
  }
}

const encoder = new TextEncoder();

/** The size Kinesis counts for a record: data plus partition key bytes. */
export function recordSize(record: Pick<PackedRecord, 'partitionKey' | 'data'>): number {
  return record.data.byteLength + encoder.encode(record.partitionKey).byteLength;
}

/**
 * The JSON of a `RecordEnvelope` around its events, so that each event is encoded once:
 * `head + events.join(',') + tail` is what `JSON.stringify(envelope)` gives.
 */
function envelopeFrame(replay: ReplayTag | undefined): { head: string; tail: string } {
  const v: RecordEnvelope['v'] = 1;
  return { head: `{"v":${v},"events":[`, tail: replay ? `],"replay":${JSON.stringify(replay)}}` : ']}' };
}

/** A record being filled: its events, their JSON, and the bytes it takes so far. */
class RecordBuilder {
  events: StoredEvent[] = [];
  private parts: string[] = [];
  private bytes: number;

  constructor(
    private readonly frame: { head: string; tail: string },
    private readonly partitionKey: string,
  ) {
    this.bytes =
      Buffer.byteLength(frame.head) + Buffer.byteLength(frame.tail) + Buffer.byteLength(partitionKey);
  }

  /** The record size (data plus partition key) once an event of `eventBytes` is added. */
  sizeWith(eventBytes: number): number {
    return this.bytes + eventBytes + (this.parts.length > 0 ? 1 : 0);
  }

  add(event: StoredEvent, json: string, eventBytes: number): void {
    this.bytes = this.sizeWith(eventBytes);
    this.events.push(event);
    this.parts.push(json);
  }

  /** The finished record: byte for byte `JSON.stringify` of the envelope. */
  build(): PackedRecord {
    const { head, tail } = this.frame;
    const data = encoder.encode(`${head}${this.parts.join(',')}${tail}`);
    return { partitionKey: this.partitionKey, data, events: this.events };
  }
}

/** Packs one stream's events (ascending) into records; each event is encoded once, so packing is linear. */
function packStream(
  events: readonly StoredEvent[],
  replay: ReplayTag | undefined,
  maxBytes: number,
): PackedRecord[] {
  const frame = envelopeFrame(replay);
  const records: PackedRecord[] = [];
  let current: RecordBuilder | undefined;
  for (const event of events) {
    const json = JSON.stringify(event);
    const bytes = Buffer.byteLength(json);
    if (current && current.sizeWith(bytes) <= maxBytes) {
      current.add(event, json, bytes);
      continue;
    }
    if (current) records.push(current.build());
    current = new RecordBuilder(frame, event.streamId);
    const size = current.sizeWith(bytes);
    if (size > maxBytes) throw new RecordTooLargeError(event.streamId, event.version, size);
    current.add(event, json, bytes);
  }
  if (current) records.push(current.build());
  return records;
}

/**
 * Packs events into Kinesis records: each record holds consecutive events of ONE stream, in the order given,
 * up to the record size limit; the partition key is the stream id. Returns the records of each stream in order.
 */
export function packRecords(
  events: readonly StoredEvent[],
  replay?: ReplayTag,
  maxBytes = KINESIS_LIMITS.bytesPerRecord,
): Map<string, PackedRecord[]> {
  const packed = new Map<string, PackedRecord[]>();
  for (const [streamId, streamEvents] of groupByStream(events)) {
    packed.set(streamId, packStream(sortByVersion(streamEvents), replay, maxBytes));
  }
  return packed;
}

function sortByVersion(events: StoredEvent[]): StoredEvent[] {
  return [...events].sort((a, b) => a.version - b.version);
}
