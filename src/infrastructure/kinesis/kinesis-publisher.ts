import { type KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import type { EventPublisher } from '../../domain/ports';
import type { StoredEvent } from '../../domain/stored-event';
import { sendInWaves, type WaveResult } from './ordered-waves';
import { chunkIntoCalls } from './put-records-batches';
import { PublishIncompleteError } from './publish-errors';
import type { ReplayTag } from './record-envelope';
import { type PackedRecord, packRecords } from './record-packing';

/** How a publisher retries: attempts per record and exponential backoff with full jitter. */
export interface KinesisPublisherOptions {
  /** Tags every record as part of a replay (the replay stream). */
  readonly replay?: ReplayTag;
  /** Rounds with failures before giving up; 8 when absent. */
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Largest record (data plus partition key); the Kinesis limit of 1 MB when absent. */
  readonly maxRecordBytes?: number;
  /** Waits between rounds; replaceable so tests run without real delays. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const FATAL_ERRORS = new Set([
  'ResourceNotFoundException',
  'InvalidArgumentException',
  'ValidationException',
  'AccessDeniedException',
  'KMSAccessDeniedException',
]);

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Publishes stored events to a Kinesis stream with the stream id as partition key.
 * Consecutive events of one stream travel in one record (an envelope, up to 1 MB); only the head record of each
 * stream is in flight at a time, so a later version is never acknowledged before an earlier one, and only the
 * entries that failed are retried, with backoff. Calls stay within 500 records and 5 MB.
 * @example
 * const publisher = new KinesisPublisher(kinesisClient, config.replayStream, { replay: { replayId } });
 * await publisher.publish(page.events);
 */
export class KinesisPublisher implements EventPublisher {
  private readonly maxAttempts: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly client: KinesisClient,
    readonly streamName: string,
    private readonly options: KinesisPublisherOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 8;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** Publishes every event or throws `PublishIncompleteError` naming the events not safely published. */
  async publish(events: readonly StoredEvent[]): Promise<void> {
    const queues = packRecords(events, this.options.replay, this.options.maxRecordBytes);
    const outcome = await sendInWaves(queues, (wave) => this.sendWave(wave), {
      maxAttempts: this.maxAttempts,
      pause: (round) => this.sleep(this.backoff(round)),
    });
    if (outcome.done) return;
    const pending = new Set(outcome.remaining.flatMap((record) => record.events));
    throw new PublishIncompleteError(
      this.streamName,
      events.filter((e) => pending.has(e)),
      outcome.failedRounds,
      { cause: outcome.error },
    );
  }

  private async sendWave(wave: PackedRecord[]): Promise<WaveResult<PackedRecord>> {
    const result: WaveResult<PackedRecord> = { failed: new Set(), fatal: false };
    await Promise.all(chunkIntoCalls(wave).map((call) => this.sendCall(call, result)));
    return result;
  }

  private async sendCall(call: PackedRecord[], result: WaveResult<PackedRecord>): Promise<void> {
    try {
      const response = await this.client.send(
        new PutRecordsCommand({
          StreamName: this.streamName,
          Records: call.map((r) => ({ PartitionKey: r.partitionKey, Data: r.data })),
        }),
      );
      const entries = response.Records ?? [];
      call.forEach((record, i) => {
        const entry = entries[i];
        if (!entry || entry.ErrorCode || !entry.SequenceNumber) {
          result.failed.add(record);
          result.error ??= new Error(`${entry?.ErrorCode ?? 'NoResult'}: ${entry?.ErrorMessage ?? ''}`);
        }
      });
    } catch (error) {
      for (const record of call) result.failed.add(record);
      result.error = error;
      if (error instanceof Error && FATAL_ERRORS.has(error.name)) result.fatal = true;
    }
  }

  private backoff(round: number): number {
    const base = this.options.baseDelayMs ?? 50;
    const cap = this.options.maxDelayMs ?? 2_000;
    return Math.random() * Math.min(cap, base * 2 ** (round - 1));
  }
}
