import type { KinesisStreamBatchResponse, KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { BatchPointerCache } from '../../projections/fixed-pointer-store';
import type { Delivery, ProjectionRunner } from '../../projections/projection-runner';
import type { ProjectionPointerStore } from '../../projections/table-pointer';
import type { StoredEvent } from '../../domain/stored-event';
import type { RecordEnvelope } from './record-envelope';

/** What the projection consumer needs: the runner of its projections and the pointer store. */
export interface ProjectionConsumerDeps {
  readonly runner: ProjectionRunner;
  readonly pointers: ProjectionPointerStore;
  readonly logger?: { warn(message: string, context?: Record<string, unknown>): void };
  /** Streams applied side by side within a batch; 8 when absent. */
  readonly concurrency?: number;
}

function isStoredEvent(value: unknown): value is StoredEvent {
  const e = value as Partial<StoredEvent> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.streamId === 'string' &&
    Number.isInteger(e.version) &&
    (e.version as number) >= 1 &&
    typeof e.type === 'string' &&
    Number.isInteger(e.schemaVersion)
  );
}

/** Decodes a Kinesis record's data into a delivery; undefined when it is not a well-formed record envelope. */
export function decodeRecord(record: KinesisStreamRecord): Delivery | undefined {
  let envelope: RecordEnvelope;
  try {
    envelope = JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8')) as RecordEnvelope;
  } catch {
    return undefined;
  }
  if (envelope?.v !== 1 || !Array.isArray(envelope.events) || !envelope.events.every(isStoredEvent)) {
    return undefined;
  }
  return envelope.replay ? { events: envelope.events, replay: envelope.replay } : { events: envelope.events };
}

/** Runs `work` over `items` with at most `limit` running at once (the process consumer shares it). */
export async function runLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** A record of a batch with its position in the batch. */
export interface Indexed {
  readonly index: number;
  readonly record: KinesisStreamRecord;
}

/** The records of a batch by partition key (stream), each list in shard order. */
export function chainsOf(records: readonly KinesisStreamRecord[]): Indexed[][] {
  const chains = new Map<string, Indexed[]>();
  records.forEach((record, index) => {
    const key = record.kinesis.partitionKey;
    const chain = chains.get(key);
    if (chain) chain.push({ index, record });
    else chains.set(key, [{ index, record }]);
  });
  return [...chains.values()];
}

/** Applies one record; false when applying failed (the record must be delivered again). */
async function applyRecord(
  record: KinesisStreamRecord,
  deps: ProjectionConsumerDeps,
  pointers: ProjectionPointerStore,
  done: ReadonlySet<string>,
): Promise<boolean> {
  const delivery = decodeRecord(record);
  if (!delivery) {
    deps.logger?.warn('skipping a record that is not an eventfold envelope', {
      sequenceNumber: record.kinesis.sequenceNumber,
      partitionKey: record.kinesis.partitionKey,
    });
    return true;
  }
  try {
    await deps.runner.deliver(delivery, pointers, done);
    return true;
  } catch (error) {
    deps.logger?.warn('applying a record failed; Lambda retries from it', {
      sequenceNumber: record.kinesis.sequenceNumber,
      error: error instanceof Error ? error.message : String(error),
    });
    return false;
  }
}

/**
 * Applies a batch of live records to the row projections in one write each, where they can (see
 * `ProjectionRunner.deliverJointly`); the names of those done. Nothing when a record is a replay's or not an
 * envelope, and nothing (with a warning) when it fails: the records are then applied one by one.
 */
async function deliverJointly(
  records: readonly KinesisStreamRecord[],
  deps: ProjectionConsumerDeps,
  pointers: ProjectionPointerStore,
): Promise<ReadonlySet<string>> {
  const deliveries = records.map(decodeRecord);
  if (deliveries.length < 2 || !deliveries.every((d) => d !== undefined && !d.replay)) return new Set();
  try {
    return await deps.runner.deliverJointly(
      deliveries.flatMap((d) => d?.events ?? []),
      pointers,
    );
  } catch (error) {
    deps.logger?.warn('applying a batch jointly failed; applying its records one by one', {
      error: error instanceof Error ? error.message : String(error),
    });
    return new Set();
  }
}

/**
 * Applies a Kinesis batch (projection stream or replay stream) to the consumer's projections. Records of one
 * stream (partition key) are applied in shard order; different streams run side by side (`concurrency`, 8 by
 * default). Duplicates, gaps and poison events are handled by the runner; when applying fails otherwise (the
 * store is unreachable, throttling), the earliest failed record is reported, so Lambda retries from it (records
 * after it that were applied come again and are skipped as duplicates). A record that is not an envelope is
 * skipped with a warning: it can never be applied.
 * @example
 * export const handler = (event: KinesisStreamEvent) => handleProjectionBatch(event, deps);
 */
export async function handleProjectionBatch(
  event: KinesisStreamEvent,
  deps: ProjectionConsumerDeps,
): Promise<KinesisStreamBatchResponse> {
  const pointers = new BatchPointerCache(deps.pointers);
  const done = await deliverJointly(event.Records, deps, pointers);
  let firstFailure = Number.POSITIVE_INFINITY;
  await runLimited(chainsOf(event.Records), deps.concurrency ?? 8, async (chain) => {
    for (const { index, record } of chain) {
      // Everything from the first failure on is delivered again; no need to apply it now.
      if (index > firstFailure) return;
      if (await applyRecord(record, deps, pointers, done)) continue;
      firstFailure = Math.min(firstFailure, index);
      return;
    }
  });
  const failed = event.Records[firstFailure];
  return { batchItemFailures: failed ? [{ itemIdentifier: failed.kinesis.sequenceNumber }] : [] };
}
