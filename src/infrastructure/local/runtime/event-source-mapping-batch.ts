import type { BatchHandler, BatchResponse, ExhaustedBatch, ShardSource } from './event-source-mapping-types';

/** How one batch is delivered: attempts, back-off, and where an exhausted batch goes. */
export interface DeliveryPolicy {
  /** Retries after the first attempt (Lambda's `MaximumRetryAttempts`). */
  readonly maxRetryAttempts: number;
  /** Pause before retry n is n times this many milliseconds. */
  readonly retryBackoffMs: number;
  readonly onExhausted: (batch: ExhaustedBatch) => Promise<void>;
  readonly onError?: (error: unknown, attempt: number) => void;
}

/** Where a batch of one shard stands: what is still to deliver. */
interface Outcome {
  /** Index of the first record that failed; undefined when the whole batch succeeded. */
  readonly firstFailed?: number;
  readonly error?: string;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Reads a handler's answer like Lambda does with `ReportBatchItemFailures`: the earliest reported record is where
 * the retry starts; an identifier that names no record of the batch fails the whole batch.
 */
export function firstFailedIndex<R>(
  records: readonly R[],
  response: BatchResponse | void | undefined,
  sequenceNumberOf: (record: R) => string,
): number | undefined {
  const failures = response?.batchItemFailures ?? [];
  if (failures.length === 0) return undefined;
  let first = records.length;
  for (const failure of failures) {
    const index = records.findIndex((r) => sequenceNumberOf(r) === failure.itemIdentifier);
    if (index < 0) return 0;
    first = Math.min(first, index);
  }
  return first;
}

async function invoke<R>(
  source: ShardSource<R>,
  handler: BatchHandler<{ Records: R[] }>,
  records: readonly R[],
): Promise<Outcome> {
  try {
    const response = await handler(source.toEvent(records));
    const firstFailed = firstFailedIndex(records, response, (r) => source.sequenceNumberOf(r));
    return firstFailed === undefined
      ? {}
      : { firstFailed, error: 'the handler reported batch item failures' };
  } catch (error) {
    return { firstFailed: 0, error: errorText(error) };
  }
}

function exhausted<R>(
  mapping: string,
  source: ShardSource<R>,
  shardId: string,
  records: readonly R[],
  attempts: number,
  error: string,
): ExhaustedBatch {
  const first = records[0] as R;
  const last = records[records.length - 1] as R;
  return {
    mapping,
    sourceKind: source.kind,
    streamArn: source.arn,
    shardId,
    startSequenceNumber: source.sequenceNumberOf(first),
    endSequenceNumber: source.sequenceNumberOf(last),
    approximateArrivalOfFirstRecord: new Date(source.arrivalOf(first) * 1000).toISOString(),
    approximateArrivalOfLastRecord: new Date(source.arrivalOf(last) * 1000).toISOString(),
    batchSize: records.length,
    attempts,
    error,
  };
}

/**
 * Delivers one batch read from a shard until every record is processed or the attempts run out. A partial failure
 * resumes from the failed record; progress past a failed record resets the attempt count, as a new batch would.
 * Records that exhaust their attempts go to `onExhausted` and are skipped.
 * @returns the sequence number of the last record dealt with (undefined when stopped before the first).
 */
export async function deliverBatch<R>(
  mapping: string,
  source: ShardSource<R>,
  shardId: string,
  handler: BatchHandler<{ Records: R[] }>,
  batch: readonly R[],
  policy: DeliveryPolicy,
  stopped: () => boolean,
): Promise<string | undefined> {
  let start = 0;
  let attempts = 0;
  while (start < batch.length && !stopped()) {
    attempts += 1;
    const outcome = await invoke(source, handler, batch.slice(start));
    if (outcome.firstFailed === undefined) {
      start = batch.length;
    } else if (outcome.firstFailed > 0) {
      policy.onError?.(new Error(outcome.error), attempts);
      start += outcome.firstFailed;
      attempts = 0;
    } else if (attempts > policy.maxRetryAttempts) {
      const rest = batch.slice(start);
      await policy.onExhausted(exhausted(mapping, source, shardId, rest, attempts, outcome.error ?? ''));
      start = batch.length;
    } else {
      policy.onError?.(new Error(outcome.error), attempts);
      await new Promise((resolve) => setTimeout(resolve, policy.retryBackoffMs * attempts));
    }
  }
  const last = batch[start - 1];
  return last === undefined ? undefined : source.sequenceNumberOf(last);
}
