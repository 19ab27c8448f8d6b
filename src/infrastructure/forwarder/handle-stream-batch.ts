import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { EventPublisher } from '../../domain/ports';
import type { StoredEvent } from '../../domain/stored-event';
import { isPublishIncomplete } from '../kinesis/publish-errors';
import { eventOfStreamRecord } from './stream-record-event';

/** What the forwarder needs: a publisher to the projection stream (a `KinesisPublisher`). */
export interface StreamForwarderDeps {
  readonly publisher: EventPublisher;
  readonly logger?: { error(message: string, context?: Record<string, unknown>): void };
}

interface Entry {
  readonly record: DynamoDBRecord;
  readonly event: StoredEvent;
}

/**
 * Forwards a DynamoDB Streams batch of the events table to the projection stream: every newly inserted event,
 * partition key = its stream, consecutive events of one aggregate in one record, per-aggregate order kept also
 * when `PutRecords` fails in part. On failure it reports the first record not safely published as the batch
 * item failure, so Lambda resumes there (records after it are published again; projections skip duplicates).
 * @example
 * export const handler = (event: DynamoDBStreamEvent) => handleStreamBatch(event, { publisher });
 */
export async function handleStreamBatch(
  event: DynamoDBStreamEvent,
  deps: StreamForwarderDeps,
): Promise<DynamoDBBatchResponse> {
  const entries: Entry[] = [];
  for (const record of event.Records) {
    const stored = eventOfStreamRecord(record);
    if (stored) entries.push({ record, event: stored });
  }
  if (entries.length === 0) return { batchItemFailures: [] };
  try {
    await deps.publisher.publish(entries.map((e) => e.event));
    return { batchItemFailures: [] };
  } catch (error) {
    const resumeAt = firstUnpublished(entries, error);
    deps.logger?.error('forwarding stopped; Lambda resumes from the first unpublished record', {
      error: error instanceof Error ? error.message : String(error),
      resumeAt,
    });
    return { batchItemFailures: [{ itemIdentifier: resumeAt }] };
  }
}

/** The sequence number of the first record whose event is not safely published (all of them, for other errors). */
function firstUnpublished(entries: readonly Entry[], error: unknown): string {
  const unpublished = isPublishIncomplete(error) ? new Set(error.unpublished) : undefined;
  const first = entries.find((e) => !unpublished || unpublished.has(e.event)) ?? entries[0];
  return first?.record.dynamodb?.SequenceNumber ?? '';
}
