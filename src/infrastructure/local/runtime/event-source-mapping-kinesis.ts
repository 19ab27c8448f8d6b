import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type KinesisClient,
  type _Record as KinesisRecord,
} from '@aws-sdk/client-kinesis';
import type { KinesisStreamRecord } from 'aws-lambda';
import type { ShardRef, ShardSource } from './event-source-mapping-types';

/** The record's data as Lambda carries it (base64), read in place: no copy of the bytes. */
function base64Of(data: Uint8Array | undefined): string {
  return data ? Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64') : '';
}

function toLambdaRecord(
  record: KinesisRecord,
  shardId: string,
  arn: string,
  region: string,
): KinesisStreamRecord {
  const arrival = record.ApproximateArrivalTimestamp ?? new Date();
  return {
    awsRegion: region,
    eventID: `${shardId}:${record.SequenceNumber}`,
    eventName: 'aws:kinesis:record',
    eventSource: 'aws:kinesis',
    eventSourceARN: arn,
    eventVersion: '1.0',
    invokeIdentityArn: `arn:aws:iam::000000000000:role/eventfold-local`,
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: record.PartitionKey ?? '',
      sequenceNumber: record.SequenceNumber ?? '',
      data: base64Of(record.Data),
      approximateArrivalTimestamp: new Date(arrival).getTime() / 1000,
    },
  };
}

/** The ARN Kinesis gives a stream, built from its name for a local account. */
export function kinesisStreamArn(streamName: string, region: string): string {
  return `arn:aws:kinesis:${region}:000000000000:stream/${streamName}`;
}

/**
 * A Kinesis stream as an event source: records come out exactly as a Lambda `KinesisStreamEvent` carries them.
 * @example
 * const source = kinesisStreamSource(createKinesisClient(endpoints), 'eventfold-projection', 'us-east-1');
 */
export function kinesisStreamSource(
  client: KinesisClient,
  streamName: string,
  region: string,
): ShardSource<KinesisStreamRecord> {
  const arn = kinesisStreamArn(streamName, region);
  return {
    arn,
    kind: 'Kinesis',
    async listShards() {
      const shards: ShardRef[] = [];
      let start: string | undefined;
      let more = true;
      while (more) {
        const { StreamDescription: d } = await client.send(
          new DescribeStreamCommand({ StreamName: streamName, ExclusiveStartShardId: start }),
        );
        for (const s of d?.Shards ?? []) shards.push({ shardId: s.ShardId!, parentShardId: s.ParentShardId });
        more = Boolean(d?.HasMoreShards) && shards.length > 0;
        start = shards[shards.length - 1]?.shardId;
      }
      return shards;
    },
    async iterator(shardId, afterSequenceNumber) {
      const { ShardIterator } = await client.send(
        new GetShardIteratorCommand({
          StreamName: streamName,
          ShardId: shardId,
          ShardIteratorType: afterSequenceNumber ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON',
          StartingSequenceNumber: afterSequenceNumber,
        }),
      );
      return ShardIterator!;
    },
    async read(shardId, iterator, limit) {
      const out = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }));
      const next = out.NextShardIterator ?? undefined;
      return {
        records: (out.Records ?? []).map((r) => toLambdaRecord(r, shardId, arn, region)),
        nextIterator: next,
      };
    },
    sequenceNumberOf: (record) => record.kinesis.sequenceNumber,
    arrivalOf: (record) => record.kinesis.approximateArrivalTimestamp,
    toEvent: (records) => ({ Records: [...records] }),
  };
}
