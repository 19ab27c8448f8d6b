import type { StoredEvent } from '../../domain/stored-event';
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

function encode(events: readonly StoredEvent[], replay: ReplayTag | undefined): Uint8Array {
  const envelope: RecordEnvelope = replay ? { v: 1, events, replay } : { v: 1, events };
  return encoder.encode(JSON.stringify(envelope));
}

/** The size Kinesis counts for a record: data plus partition key bytes. */
export function recordSize(record: Pick<PackedRecord, 'partitionKey' | 'data'>): number {
  return record.data.byteLength + encoder.encode(record.partitionKey).byteLength;
}

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

function packStream(
  events: readonly StoredEvent[],
  replay: ReplayTag | undefined,
  maxBytes: number,
): PackedRecord[] {
  const records: PackedRecord[] = [];
  let run: StoredEvent[] = [];
  let runData: Uint8Array | undefined;
  for (const event of events) {
    const candidate = [...run, event];
    const data = encode(candidate, replay);
    const partitionKey = event.streamId;
    if (recordSize({ partitionKey, data }) <= maxBytes) {
      run = candidate;
      runData = data;
      continue;
    }
    if (runData) records.push({ partitionKey, data: runData, events: run });
    const alone = encode([event], replay);
    const size = recordSize({ partitionKey, data: alone });
    if (size > maxBytes) throw new RecordTooLargeError(event.streamId, event.version, size);
    run = [event];
    runData = alone;
  }
  if (runData && run[0]) records.push({ partitionKey: run[0].streamId, data: runData, events: run });
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
