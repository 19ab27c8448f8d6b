import type { _Record } from '@aws-sdk/client-kinesis';
import type { DynamoDBRecord, KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import type { StoredEvent } from '../../../src/domain/stored-event';
import { toEventItem } from '../../../src/infrastructure/dynamodb/event-store/event-item';
import { lambdaKinesisRecord } from '../../support/kinesis-events';

/** A seeded random source (Park-Miller), so a failing run can be replayed from its seed. */
export function seeded(seed: number): () => number {
  let state = seed % 2147483647 || 1;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

/** The DynamoDB Streams INSERT record of a stored event, as Lambda receives it. */
export function streamRecordOf(event: StoredEvent, sequence: number): DynamoDBRecord {
  return {
    eventName: 'INSERT',
    dynamodb: {
      SequenceNumber: String(sequence).padStart(21, '0'),
      NewImage: toEventItem(event, 0) as never,
    },
  };
}

/** A Kinesis record of the emulator's `GetRecords` answer as Lambda receives it. */
export function lambdaRecordOf(record: _Record, shardId: string): KinesisStreamRecord {
  const parts = {
    partitionKey: record.PartitionKey!,
    sequenceNumber: record.SequenceNumber!,
    data: record.Data!,
  };
  return lambdaKinesisRecord(parts, shardId);
}

/** What a fault-injecting delivery did. */
export interface DeliveryStats {
  invocations: number;
  recordsDelivered: number;
  redelivered: number;
  crashes: number;
}

type Handler = (event: KinesisStreamEvent) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

/**
 * Plays Lambda's event source mapping over one shard with faults: random batch sizes, a checkpoint after each
 * batch (resume from a reported failure), and sometimes a whole batch delivered again as if the invocation had
 * timed out after doing its work.
 */
export async function deliverShard(
  records: KinesisStreamRecord[],
  handler: Handler,
  random: () => number,
  stats: DeliveryStats,
): Promise<void> {
  let position = 0;
  let guard = 0;
  while (position < records.length) {
    if ((guard += 1) > 10_000) throw new Error('delivery did not converge');
    const size = 1 + Math.floor(random() * 5);
    const batch = records.slice(position, position + size);
    stats.invocations += 1;
    stats.recordsDelivered += batch.length;
    let response: Awaited<ReturnType<Handler>>;
    try {
      response = await handler({ Records: batch });
    } catch {
      stats.crashes += 1;
      continue;
    }
    if (random() < 0.15) {
      stats.redelivered += batch.length;
      continue;
    }
    const failed = response.batchItemFailures[0]?.itemIdentifier;
    const at = failed === undefined ? -1 : batch.findIndex((r) => r.kinesis.sequenceNumber === failed);
    position += at < 0 ? batch.length : at;
  }
}
