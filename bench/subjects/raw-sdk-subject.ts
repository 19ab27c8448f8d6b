import { type DynamoDBClient, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { randomUUID } from 'node:crypto';
import {
  shardOf,
  timeBucketKey,
  timeBucketOf,
  timePositionOf,
} from '../../src/infrastructure/dynamodb/event-store';
import { type AppendSubject, benchPayload } from './append-subject';

const names = { '#version': 'version' };

/** The name of the raw SDK's twin: the same subject on another DynamoDB Local, the bench's A/A control. */
export const RAW_SDK_TWIN = 'raw SDK (A/A twin)';

/** The time index's write shards in the append bench, for eventfold's store and the raw SDK alike. */
export const BENCH_TIME_INDEX_SHARDS = 8;

/** What the raw SDK stores of one event. */
export interface RawSdkEvent {
  readonly streamId: string;
  readonly version: number;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly committedAt: string;
  readonly commitId: string;
}

/** The item eventfold's store writes for an event, built by hand: the same attributes and time-index keys. */
export function rawSdkItem(event: RawSdkEvent) {
  const { streamId, version, committedAt } = event;
  return marshall({
    streamId,
    version,
    eventId: randomUUID(),
    type: event.type,
    schemaVersion: 1,
    data: event.data,
    metadata: {},
    committedAt,
    commitId: event.commitId,
    timeBucket: timeBucketKey(timeBucketOf(committedAt), shardOf(streamId, BENCH_TIME_INDEX_SHARDS)),
    timePosition: timePositionOf({ committedAt, streamId, version }),
  });
}

/**
 * The raw AWS SDK doing the same writes as eventfold's repository path, by hand: the same item (with the time
 * index keys of the same write shard, so the index entries spread over the same partitions); a conditional
 * PutItem for a single event; a transaction of conditional puts for several (no check that the expected version
 * exists: the writer read or wrote that event itself, as eventfold's `eventfold` subject does).
 */
export function rawSdkSubject(client: DynamoDBClient, tableName: string, name = 'raw SDK'): AppendSubject {
  const item = (streamId: string, version: number, committedAt: string, commitId: string) =>
    rawSdkItem({
      streamId,
      version,
      type: 'BenchEvent',
      data: benchPayload(version - 1),
      committedAt,
      commitId,
    });
  return {
    name,
    async append(stream, expectedVersion, count) {
      const committedAt = new Date().toISOString();
      const commitId = randomUUID();
      const versions = Array.from({ length: count }, (_, i) => expectedVersion + i + 1);
      if (count === 1) {
        await client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: item(stream, expectedVersion + 1, committedAt, commitId),
            ConditionExpression: 'attribute_not_exists(#version)',
            ExpressionAttributeNames: names,
          }),
        );
        return;
      }
      const puts = versions.map((version) => ({
        Put: {
          TableName: tableName,
          Item: item(stream, version, committedAt, commitId),
          ConditionExpression: 'attribute_not_exists(#version)',
          ExpressionAttributeNames: names,
        },
      }));
      await client.send(new TransactWriteItemsCommand({ TransactItems: puts }));
    },
  };
}
