import type { BatchHandler, BatchResponse, ExhaustedBatch, ShardSource } from './event-source-mapping-types';

/** How one batch is delivered: attempts, back-off, and where an exhausted batch goes. */
export interface DeliveryPolicy {
  /** Retries after the first attempt (Lambda's `MaximumRetryAttempts`). */
  readonly maxRetryAttempts: number;
  /** Pause before retry n is n times this many milliseconds. */
  readonly retryBackoffMs: number;
  readonly onExhausted: (batch: ExhaustedBatch) => Promise<void>;
  readonly onError?: (error: unknown, attempt: number) => void;
  /**
   * Lambda's `BisectBatchOnFunctionError`: when the handler throws for a batch of several records, deliver each half
   * on its own (with fresh attempts) instead of retrying the whole, so one poison record ends up alone.
   */
  readonly bisectOnError?: boolean;
}

/** Where a batch of one shard stands: what is still to deliver. */
interface Outcome {
  /** Index of the first record that failed; undefined when the whole batch succeeded. */
  readonly firstFailed?: number;
  readonly error?: string;
  /** The handler threw (a function error), as opposed to reporting item failures. */
  readonly threw?: boolean;
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
    return { firstFailed: 0, error: errorText(error), threw: true };
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

/** A function delivering a slice of records; returns how many of them were dealt with (all unless stopped). */
type Deliver<R> = (records: readonly R[]) => Promise<number>;

/** Delivers the two halves of a failing batch one after the other; returns how many records were dealt with. */
async function bisect<R>(records: readonly R[], deliver: Deliver<R>): Promise<number> {
  const half = Math.ceil(records.length / 2);
  const first = await deliver(records.slice(0, half));
  if (first < half) return first;
  return half + (await deliver(records.slice(half)));
}

/** What to do after an attempt. */
type Next = 'done' | 'advance' | 'bisect' | 'exhaust' | 'retry';

function nextStep(outcome: Outcome, attempts: number, remaining: number, policy: DeliveryPolicy): Next {
  if (outcome.firstFailed === undefined) return 'done';
  if (outcome.firstFailed > 0) return 'advance';
  if (outcome.threw && policy.bisectOnError && remaining > 1) return 'bisect';
  return attempts > policy.maxRetryAttempts ? 'exhaust' : 'retry';
}

/** What stays the same while one shard's batch (and every half it is bisected into) is delivered. */
interface ShardDelivery<R> {
  readonly mapping: string;
  readonly source: ShardSource<R>;
  readonly shardId: string;
  readonly handler: BatchHandler<{ Records: R[] }>;
  readonly policy: DeliveryPolicy;
  readonly stopped: () => boolean;
}

/** The delivery loop of `deliverBatch`; returns how many records of `batch` it dealt with, counted by position. */
async function deliverRecords<R>(shard: ShardDelivery<R>, batch: readonly R[]): Promise<number> {
  const { mapping, source, shardId, handler, policy, stopped } = shard;
  // By position, not by sequence number: an at-least-once batch may hold the same record twice.
  const deliver: Deliver<R> = (records) => deliverRecords(shard, records);
  let start = 0;
  let attempts = 0;
  while (start < batch.length && !stopped()) {
    attempts += 1;
    const rest = batch.slice(start);
    const outcome = await invoke(source, handler, rest);
    const next = nextStep(outcome, attempts, rest.length, policy);
    if (next !== 'done') policy.onError?.(new Error(`${outcome.error} (${next})`), attempts);
    if (next === 'done' || next === 'advance') {
      start += outcome.firstFailed ?? rest.length;
      attempts = 0;
    } else if (next === 'bisect') {
      start += await bisect(rest, deliver);
      break;
    } else if (next === 'exhaust') {
      await policy.onExhausted(exhausted(mapping, source, shardId, rest, attempts, outcome.error ?? ''));
      start = batch.length;
    } else {
      await new Promise((resolve) => setTimeout(resolve, policy.retryBackoffMs * attempts));
    }
  }
  return start;
}

/**
 * Delivers one batch read from a shard until every record is processed or the attempts run out. A partial failure
 * resumes from the failed record; progress past a failed record resets the attempt count, as a new batch would.
 * A thrown error bisects the batch when the policy says so. Records that exhaust their attempts go to
 * `onExhausted` and are skipped.
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
  const shard = { mapping, source, shardId, handler, policy, stopped };
  const dealtWith = await deliverRecords(shard, batch);
  const last = batch[dealtWith - 1];
  return last === undefined ? undefined : source.sequenceNumberOf(last);
}
