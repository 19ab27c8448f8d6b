import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { GlobalPosition, ReadAllOptions, ReadAllPage } from '../../../domain/ports';
import type { StoredEvent } from '../../../domain/stored-event';
import { eventKey } from '../tables/events-table';
import { type EventItem, fromEventItem } from './event-item';
import { checkedSince, withinBytes } from './read-all';
import type { ReadCounter } from './stream-reader';

/** What reading every event by a scan of the events table needs. */
export interface ScanSources {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly counter: ReadCounter;
}

/**
 * The most Scan requests one page makes. With `since`, most of what a scan reads may be older and left out; the
 * page then ends early with a `next`, so one call (one replay iterator invocation) stays short on any table.
 */
const MAX_SCANS_PER_PAGE = 8;

/** Only the three fields of a position: where the scan continues (the key) and when that event was committed. */
const positionOf = ({ committedAt, streamId, version }: GlobalPosition): GlobalPosition => ({
  committedAt,
  streamId,
  version,
});

/** One strongly consistent Scan request from a key on; counted. */
async function scanFrom(sources: ScanSources, startKey: EventItem | undefined, limit: number) {
  const page = await sources.client.send(
    new ScanCommand({
      TableName: sources.tableName,
      ConsistentRead: true,
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  sources.counter.requests += 1;
  sources.counter.itemsRead += page.Items?.length ?? 0;
  return { items: page.Items ?? [], lastKey: page.LastEvaluatedKey };
}

/**
 * Reads one page of all events by a Scan of the events table, strongly consistent, in the table's key order:
 * stream after stream (in the order of DynamoDB's hash of the stream id), each stream's events in version order,
 * since DynamoDB keeps a partition key's items sorted by the sort key and a scan reads them in that order. Not in
 * commit-time order across streams: the store keeps no index for it (guarantee 7 lets a replay trade that order).
 * `since` keeps only events committed at or after it; within a stream those are a tail, because commit times
 * never go backwards within a stream. `after` continues at the key after the position (its commit time is not
 * needed). The page ends after `limit` events, before `maxBytes` (at least one event) or after
 * `MAX_SCANS_PER_PAGE` requests; `next` is absent exactly when the scan reached the end of the table.
 */
export async function scanAllPage(sources: ScanSources, options: ReadAllOptions): Promise<ReadAllPage> {
  const since = checkedSince(options);
  // One event more than asked tells whether anything follows, so the last page carries no `next`.
  const wanted = options.limit + 1;
  const matched: StoredEvent[] = [];
  let scanned: StoredEvent | undefined;
  let startKey = options.after ? eventKey(options.after.streamId, options.after.version) : undefined;
  for (let scans = 0; scans < MAX_SCANS_PER_PAGE && matched.length < wanted; scans += 1) {
    const { items, lastKey } = await scanFrom(sources, startKey, wanted - matched.length);
    for (const item of items) {
      scanned = fromEventItem(item);
      if (since === undefined || scanned.committedAt >= since) matched.push(scanned);
    }
    startKey = lastKey;
    if (!startKey) break;
  }
  const events = withinBytes(matched.slice(0, options.limit), options.maxBytes);
  if (events.length < matched.length) return { events, next: positionOf(events[events.length - 1]!) };
  // Everything read after the last event handed out was older than `since`: continue after what was read.
  const last = scanned ?? options.after;
  return startKey && last ? { events, next: positionOf(last) } : { events };
}
