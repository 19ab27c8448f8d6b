import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamsRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import type { ShardRef, ShardSource } from './event-source-mapping-types';

function toLambdaRecord(record: StreamsRecord, arn: string, region: string): DynamoDBRecord {
  const image = record.dynamodb ?? {};
  const created = image.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? region,
    dynamodb: {
      ...image,
      ApproximateCreationDateTime: created ? Math.floor(new Date(created).getTime() / 1000) : undefined,
    } as DynamoDBRecord['dynamodb'],
    eventSourceARN: arn,
  };
}

/**
 * A DynamoDB stream as an event source: records come out exactly as a Lambda `DynamoDBStreamEvent` carries them.
 * @example
 * const source = dynamoDbStreamSource(new DynamoDBStreamsClient(config), table.LatestStreamArn, 'us-east-1');
 */
export function dynamoDbStreamSource(
  client: DynamoDBStreamsClient,
  streamArn: string,
  region: string,
): ShardSource<DynamoDBRecord> {
  return {
    arn: streamArn,
    kind: 'DDBStream',
    async listShards() {
      const shards: ShardRef[] = [];
      let start: string | undefined;
      do {
        const { StreamDescription: d } = await client.send(
          new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }),
        );
        for (const s of d?.Shards ?? []) shards.push({ shardId: s.ShardId!, parentShardId: s.ParentShardId });
        start = d?.LastEvaluatedShardId;
      } while (start);
      return shards;
    },
    async iterator(shardId, afterSequenceNumber) {
      const { ShardIterator } = await client.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: afterSequenceNumber ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON',
          SequenceNumber: afterSequenceNumber,
        }),
      );
      return ShardIterator!;
    },
    async read(_shardId, iterator, limit) {
      const out = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }));
      return {
        records: (out.Records ?? []).map((r) => toLambdaRecord(r, streamArn, region)),
        nextIterator: out.NextShardIterator ?? undefined,
      };
    },
    sequenceNumberOf: (record) => record.dynamodb?.SequenceNumber ?? '',
    arrivalOf: (record) => record.dynamodb?.ApproximateCreationDateTime ?? 0,
    toEvent: (records) => ({ Records: [...records] }),
  };
}
