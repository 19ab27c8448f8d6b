import { BatchWriteItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '../src/domain/stored-event';
import type { EventfoldConfig } from '../src/infrastructure/config';
import { TimeBucketRegistry } from '../src/infrastructure/dynamodb/event-store';
import { toEventItem } from '../src/infrastructure/dynamodb/event-store/event-item';
import { shardOf, timeBucketOf } from '../src/infrastructure/dynamodb/event-store/time-index';
import { inParallel } from './lib/stats';

/** Events per stream (and per commit) of the replay data. */
export const EVENTS_PER_STREAM = 99;

/** The stored events of one 99-event commit starting stream `BenchCounter#r<size>-<c>`. */
function commitOf(size: number, c: number, count: number): StoredEvent[] {
  const committedAt = new Date().toISOString();
  const commitId = randomUUID();
  return Array.from({ length: count }, (_, i) => ({
    streamId: `BenchCounter#r${size}-${c}`,
    version: i + 1,
    eventId: randomUUID(),
    type: 'CounterIncremented',
    schemaVersion: 1,
    data: { by: 1, note: 'x'.repeat(200) },
    metadata: {},
    committedAt,
    commitId,
  }));
}

async function batchWrite(client: DynamoDBClient, table: string, items: ReturnType<typeof toEventItem>[]) {
  let pending = items.map((Item) => ({ PutRequest: { Item } }));
  while (pending.length > 0) {
    const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
    pending = (out.UnprocessedItems?.[table] ?? []) as typeof pending;
  }
}

/**
 * Seeds `size` events as 99-event commits, one new stream each, fast: the items are built by the event store's own
 * item builder (`toEventItem`, with the time-index keys of the stream's write shard) and each commit's time bucket
 * is registered through the store's bucket registry first, exactly as a commit does; only the write itself is a
 * `BatchWriteItem` (25 items a call) instead of a 99-item transaction, which DynamoDB Local runs far slower. The
 * table then holds what the same commits through `DynamoDbEventStore.commit` would have left.
 */
export async function seedReplayEvents(client: DynamoDBClient, config: EventfoldConfig, size: number) {
  const registry = new TimeBucketRegistry(
    client,
    config.controlTable,
    config.eventsTable,
    config.timeIndexShards,
  );
  const commits = Math.ceil(size / EVENTS_PER_STREAM);
  await inParallel(commits, 4, async (c) => {
    const events = commitOf(size, c, Math.min(EVENTS_PER_STREAM, size - c * EVENTS_PER_STREAM));
    const shards = await registry.shardsFor(timeBucketOf(events[0]!.committedAt));
    const items = events.map((e) => toEventItem(e, shardOf(e.streamId, shards)));
    for (let i = 0; i < items.length; i += 25)
      await batchWrite(client, config.eventsTable, items.slice(i, i + 25));
  });
}
