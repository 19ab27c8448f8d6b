import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import type { StoredEvent } from '../../src/domain/stored-event';
import type { ReplayTag } from '../../src/infrastructure/kinesis/record-envelope';
import { packRecords } from '../../src/infrastructure/kinesis/record-packing';

/** What a Kinesis record carries, whoever made it: the packer, or a `GetRecords` answer of the emulator. */
export interface KinesisRecordParts {
  readonly partitionKey: string;
  readonly sequenceNumber: string;
  readonly data: Uint8Array;
}

/** A Kinesis record as Lambda receives it from a shard. */
export function lambdaKinesisRecord(
  record: KinesisRecordParts,
  shardId = 'shardId-000000000000',
): KinesisStreamRecord {
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: record.partitionKey,
      sequenceNumber: record.sequenceNumber,
      data: Buffer.from(record.data).toString('base64'),
      approximateArrivalTimestamp: 0,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${shardId}:${record.sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: '',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/eventfold-projection',
  };
}

let sequence = 0;

/**
 * The Lambda event Kinesis would deliver for these events, encoded exactly as the publisher encodes them: one
 * record per packed run of a stream, sequence numbers rising across every call in the process.
 */
export function kinesisEventOf(events: readonly StoredEvent[], replay?: ReplayTag): KinesisStreamEvent {
  const records = [...packRecords(events, replay).values()].flat();
  return {
    Records: records.map((record) =>
      lambdaKinesisRecord({ ...record, sequenceNumber: String((sequence += 1)).padStart(20, '0') }),
    ),
  };
}
