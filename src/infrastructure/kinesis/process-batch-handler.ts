import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import type { ProcessRunner } from '../../application/process/process-runner';
import { chainsOf, decodeRecord, runLimited } from './projection-batch-handler';

/** What the process consumer needs: the runner of the app's process managers. */
export interface ProcessConsumerDeps {
  readonly runner: Pick<ProcessRunner, 'deliver'>;
  readonly logger?: { warn(message: string, context?: Record<string, unknown>): void };
  /** Source streams handled side by side within a batch; 4 when absent. */
  readonly concurrency?: number;
}

/**
 * Hands a batch of the projection stream to the process managers, as the projection consumer applies one: the
 * records of one source stream (partition key) in shard order, different streams side by side. When handing a
 * record over fails (the store or the bus is unavailable), the earliest failed record is reported so Lambda
 * retries from it; records after it come again and are skipped as duplicates by each process instance. A record
 * that is not an envelope is skipped with a warning. Replay records change nothing.
 * @example
 * export const handler = (event: KinesisStreamEvent) => handleProcessBatch(event, deps);
 */
export async function handleProcessBatch(
  event: KinesisStreamEvent,
  deps: ProcessConsumerDeps,
): Promise<KinesisStreamBatchResponse> {
  let firstFailure = Number.POSITIVE_INFINITY;
  await runLimited(chainsOf(event.Records), deps.concurrency ?? 4, async (chain) => {
    for (const { index, record } of chain) {
      if (index > firstFailure) return;
      const delivery = decodeRecord(record);
      if (!delivery) {
        deps.logger?.warn('skipping a record that is not an eventfold envelope', {
          sequenceNumber: record.kinesis.sequenceNumber,
        });
        continue;
      }
      try {
        await deps.runner.deliver(delivery);
      } catch (error) {
        deps.logger?.warn('handing a record to the process managers failed; Lambda retries from it', {
          sequenceNumber: record.kinesis.sequenceNumber,
          error: error instanceof Error ? error.message : String(error),
        });
        firstFailure = Math.min(firstFailure, index);
        return;
      }
    }
  });
  const failed = event.Records[firstFailure];
  return { batchItemFailures: failed ? [{ itemIdentifier: failed.kinesis.sequenceNumber }] : [] };
}
