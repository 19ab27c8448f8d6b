import type { KinesisStreamBatchResponse, KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { BatchPointerCache } from '../../projections/fixed-pointer-store';
import type { Delivery, ProjectionRunner } from '../../projections/projection-runner';
import type { ProjectionPointerStore } from '../../projections/table-pointer';
import type { RecordEnvelope } from './record-envelope';

/** What the projection consumer needs: the runner of its projections and the pointer store. */
export interface ProjectionConsumerDeps {
  readonly runner: ProjectionRunner;
  readonly pointers: ProjectionPointerStore;
  readonly logger?: { warn(message: string, context?: Record<string, unknown>): void };
}

/** Decodes a Kinesis record's data into a delivery; undefined when it is not a record envelope. */
export function decodeRecord(record: KinesisStreamRecord): Delivery | undefined {
  try {
    const envelope = JSON.parse(
      Buffer.from(record.kinesis.data, 'base64').toString('utf8'),
    ) as RecordEnvelope;
    if (envelope?.v !== 1 || !Array.isArray(envelope.events)) return undefined;
    return envelope.replay
      ? { events: envelope.events, replay: envelope.replay }
      : { events: envelope.events };
  } catch {
    return undefined;
  }
}

/**
 * Applies a Kinesis batch (projection stream or replay stream) to the consumer's projections, record by
 * record in shard order. Duplicates, gaps and poison events are handled by the runner; when applying fails
 * otherwise (the store is unreachable, throttling), the batch stops and that record is reported, so Lambda
 * retries from it. A record that is not an envelope is skipped with a warning: it can never be applied.
 * @example
 * export const handler = (event: KinesisStreamEvent) => handleProjectionBatch(event, deps);
 */
export async function handleProjectionBatch(
  event: KinesisStreamEvent,
  deps: ProjectionConsumerDeps,
): Promise<KinesisStreamBatchResponse> {
  const pointers = new BatchPointerCache(deps.pointers);
  for (const record of event.Records) {
    const delivery = decodeRecord(record);
    if (!delivery) {
      deps.logger?.warn('skipping a record that is not an eventfold envelope', {
        sequenceNumber: record.kinesis.sequenceNumber,
        partitionKey: record.kinesis.partitionKey,
      });
      continue;
    }
    try {
      await deps.runner.deliver(delivery, pointers);
    } catch (error) {
      deps.logger?.warn('applying a record failed; Lambda retries from it', {
        sequenceNumber: record.kinesis.sequenceNumber,
        error: error instanceof Error ? error.message : String(error),
      });
      return { batchItemFailures: [{ itemIdentifier: record.kinesis.sequenceNumber }] };
    }
  }
  return { batchItemFailures: [] };
}
