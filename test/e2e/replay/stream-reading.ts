import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { StoredEvent } from '../../../src/domain/stored-event';
import type { RecordEnvelope } from '../../../src/infrastructure/kinesis/record-envelope';
import { readAllShards } from '../../support/kinesis-fixture';
import { keysOf, versionOrderBreaks } from '../../int/replay/replay-order';

/** The events of a Kinesis stream per shard, in shard order, optionally only one replay's. */
export async function eventsPerShard(
  kinesis: KinesisClient,
  stream: string,
  replayId?: string,
): Promise<Map<string, StoredEvent[]>> {
  const decoder = new TextDecoder();
  const result = new Map<string, StoredEvent[]>();
  for (const [shardId, records] of await readAllShards(kinesis, stream)) {
    const events: StoredEvent[] = [];
    for (const record of records) {
      const envelope = JSON.parse(decoder.decode(record.Data)) as RecordEnvelope;
      if (replayId === undefined || envelope.replay?.replayId === replayId) events.push(...envelope.events);
    }
    result.set(shardId, events);
  }
  return result;
}

/** The thesis's `compare` (listing 7.1): each event's aggregate id and timestamp never below the previous one's. */
export function thesisCompare(events: readonly StoredEvent[], idOf: (e: StoredEvent) => number): string[] {
  const errors: string[] = [];
  for (let i = 1; i < events.length; i++) {
    const prev = events[i - 1] as StoredEvent;
    const cur = events[i] as StoredEvent;
    if (idOf(cur) < idOf(prev)) errors.push(`ID error: ${cur.streamId} after ${prev.streamId}`);
    else if (cur.committedAt < prev.committedAt)
      errors.push(`timestamp error: ${cur.streamId} after ${prev.streamId}`);
  }
  return errors;
}

/** Streams whose events are not in contiguous ascending version order within the sequence. */
export const versionBreaks = versionOrderBreaks;

/** `streamId@version` keys, sorted, for completeness checks. */
export function sortedKeys(events: readonly StoredEvent[]): string[] {
  return keysOf(events).sort();
}
