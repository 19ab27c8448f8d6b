import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { ReadAllOptions, ReadAllPage } from '../../../domain/ports';
import type { StoredEvent } from '../../../domain/stored-event';
import { ValidationError } from '../../../domain/validation-error';
import { TimeIndex } from '../tables/events-table';
import { mergeShards, ShardCursor } from './shard-merge';
import { queryPages, type ReadCounter } from './stream-reader';
import { type TimeBucket, type TimeBucketRegistry } from './time-buckets';
import { timeBucketKey, timeBucketOf, timePositionOf } from './time-index';

/** What reading the global order needs. */
export interface ReadAllSources {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly registry: TimeBucketRegistry;
  readonly counter: ReadCounter;
}

/** Where a read starts on the time index: strictly after a position, or at a time (inclusive). */
interface LowerBound {
  readonly key: string;
  readonly inclusive: boolean;
}

/** Sorts below every ISO time: the lower bound of "all events". */
const BEGINNING: LowerBound = { key: '0', inclusive: true };

function invalid(field: string, reason: string): ValidationError {
  return new ValidationError('read-all options', [{ field, reasons: [reason] }]);
}

/** The `since` of read-all options as an ISO time, after checking the options; undefined without one. */
export function checkedSince(options: ReadAllOptions): string | undefined {
  if (!Number.isInteger(options.limit) || options.limit < 1)
    throw invalid('limit', 'must be a whole number from 1');
  if (options.since === undefined) return undefined;
  const time = Date.parse(options.since);
  if (Number.isNaN(time)) throw invalid('since', 'must be an ISO-8601 time');
  return new Date(time).toISOString();
}

function lowerBoundOf(options: ReadAllOptions): LowerBound {
  const since = checkedSince(options);
  let bound = since === undefined ? BEGINNING : { key: since, inclusive: true };
  if (options.after) {
    const afterKey = timePositionOf(options.after);
    if (afterKey >= bound.key) bound = { key: afterKey, inclusive: false };
  }
  return bound;
}

/** The fewest items a shard query asks for per page. */
const MIN_SHARD_PAGE = 16;

/** One shard of a bucket above the bound, as a lazily read cursor with pages of `pageSize` items. */
function shardCursor(sources: ReadAllSources, partition: string, bound: LowerBound, pageSize: number) {
  const pages = queryPages(
    sources.client,
    {
      TableName: sources.tableName,
      IndexName: TimeIndex.name,
      KeyConditionExpression: `#b = :b AND #p ${bound.inclusive ? '>=' : '>'} :p`,
      ExpressionAttributeNames: { '#b': TimeIndex.partitionKey, '#p': TimeIndex.sortKey },
      ExpressionAttributeValues: marshall({ ':b': partition, ':p': bound.key }),
      Limit: pageSize,
    },
    sources.counter,
  );
  return new ShardCursor(pages);
}

/**
 * The first `limit` events of a bucket above the bound: every shard read in pages of about its share of the
 * limit, merged in commit-time order.
 */
function readBucket(sources: ReadAllSources, bucket: TimeBucket, bound: LowerBound, limit: number) {
  const pageSize = Math.max(MIN_SHARD_PAGE, Math.ceil(limit / bucket.shards) + 1);
  const cursors = Array.from({ length: bucket.shards }, (_, shard) =>
    shardCursor(sources, timeBucketKey(bucket.bucket, shard), bound, pageSize),
  );
  return mergeShards(cursors, limit);
}

/** The first events of a page that fit `maxBytes` (at least one, so a reader always advances). */
export function withinBytes(events: StoredEvent[], maxBytes: number | undefined): StoredEvent[] {
  if (maxBytes === undefined) return events;
  let bytes = 0;
  const kept = events.filter((event) => (bytes += Buffer.byteLength(JSON.stringify(event))) <= maxBytes);
  return kept.length > 0 ? kept : events.slice(0, 1);
}

/**
 * Reads one page of all events in commit-time order (commit time, then stream id, then version) from the
 * write-sharded time index: walks the registered hour buckets from the bound on, queries every shard of a
 * bucket and merges. The page ends after `limit` events, or before `maxBytes` (at least one event, so a
 * reader always advances); `next` is absent exactly when the page reached the end of what is stored now.
 */
export async function readAllPage(sources: ReadAllSources, options: ReadAllOptions): Promise<ReadAllPage> {
  const bound = lowerBoundOf(options);
  // One event more than asked tells whether anything follows, so the last page carries no `next`.
  const wanted = options.limit + 1;
  const collected: StoredEvent[] = [];
  for await (const bucket of sources.registry.bucketsFrom(timeBucketOf(bound.key), sources.counter)) {
    collected.push(...(await readBucket(sources, bucket, bound, wanted - collected.length)));
    if (collected.length >= wanted) break;
  }
  const events = withinBytes(collected.slice(0, options.limit), options.maxBytes);
  const last = events[events.length - 1];
  if (events.length === collected.length || !last) return { events };
  return { events, next: { committedAt: last.committedAt, streamId: last.streamId, version: last.version } };
}
