import type { KinesisStreamEvent } from 'aws-lambda';
import type { StoredEvent } from '../../../src/domain/stored-event';
import type { ReplayTag } from '../../../src/infrastructure/kinesis/record-envelope';
import { packRecords } from '../../../src/infrastructure/kinesis/record-packing';

let sequence = 0;

/** The Lambda event Kinesis would deliver for these events, encoded exactly as the publisher encodes them. */
export function kinesisEventOf(events: readonly StoredEvent[], replay?: ReplayTag): KinesisStreamEvent {
  const records = [...packRecords(events, replay).values()].flat();
  return {
    Records: records.map((record) => {
      const sequenceNumber = String((sequence += 1)).padStart(20, '0');
      return {
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: record.partitionKey,
          sequenceNumber,
          data: Buffer.from(record.data).toString('base64'),
          approximateArrivalTimestamp: 0,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `shardId-000000000000:${sequenceNumber}`,
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: '',
        awsRegion: 'us-east-1',
        eventSourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/test',
      };
    }),
  };
}
