import { deliverBatch, type DeliveryPolicy } from './event-source-mapping-batch';
import { memoryCheckpoints } from './event-source-mapping-checkpoints';
import type {
  BatchHandler,
  CheckpointStore,
  ExhaustedBatch,
  ShardRef,
  ShardSource,
} from './event-source-mapping-types';

/** Settings of one emulated event source mapping; the defaults follow the CDK construct's. */
export interface EventSourceMappingOptions<R> {
  /** Names the mapping in logs, checkpoints and dead-letter messages. */
  readonly name: string;
  readonly source: ShardSource<R>;
  readonly handler: BatchHandler<{ Records: R[] }>;
  /** Records per invocation (Lambda's `BatchSize`); 100 when absent. */
  readonly batchSize?: number;
  /** Retries of a failing batch (Lambda's `MaximumRetryAttempts`); 10 when absent, as the CDK construct sets it. */
  readonly maxRetryAttempts?: number;
  /** Split a batch the handler throws for and deliver the halves apart (`BisectBatchOnFunctionError`); true when absent. */
  readonly bisectOnError?: boolean;
  readonly retryBackoffMs?: number;
  /** Pause of an idle shard poller; 200 ms when absent. */
  readonly pollIntervalMs?: number;
  /** How often new shards are looked for; 1 s when absent. */
  readonly discoveryIntervalMs?: number;
  /** The on-failure destination; exhausted batches are only reported through `onError` when absent. */
  readonly onExhausted?: (batch: ExhaustedBatch) => Promise<void>;
  readonly onError?: (error: unknown, context: { mapping: string; shardId?: string }) => void;
  /** Where each shard resumes after a restart or an expired iterator; in memory when absent. */
  readonly checkpoints?: CheckpointStore;
}

/** A running mapping. */
export interface EventSourceMapping {
  readonly name: string;
  /** Shards being polled now. */
  activeShards(): string[];
  /** Batches delivered successfully so far, and batches handed to the on-failure destination. */
  stats(): { readonly batches: number; readonly records: number; readonly exhausted: number };
  stop(): Promise<void>;
}

/**
 * Errors that only mean the iterator is no longer usable (expired, or DynamoDB Local's trimmed-data answer on the
 * first read after a shard got its first record): the poller takes a new iterator at its checkpoint, quietly.
 */
const STALE_ITERATOR = new Set(['ExpiredIteratorException', 'TrimmedDataAccessException']);

function sleep(ms: number, stopped: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    if (stopped()) {
      clearTimeout(timer);
      resolve();
    }
  });
}

class Mapping<R> implements EventSourceMapping {
  readonly name: string;
  private readonly pollers = new Map<string, Promise<void>>();
  private readonly finished = new Set<string>();
  private readonly counts = { batches: 0, records: 0, exhausted: 0 };
  private stopping = false;
  private discovery: Promise<void> = Promise.resolve();
  private readonly checkpoints: CheckpointStore;

  constructor(private readonly options: EventSourceMappingOptions<R>) {
    this.name = options.name;
    this.checkpoints = options.checkpoints ?? memoryCheckpoints();
  }

  start(): void {
    this.discovery = this.discoverLoop();
  }

  activeShards(): string[] {
    return [...this.pollers.keys()].filter((id) => !this.finished.has(id));
  }

  stats() {
    return { ...this.counts };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.discovery;
    await Promise.all(this.pollers.values());
  }

  private readonly stopped = () => this.stopping;

  private report(error: unknown, shardId?: string): void {
    this.options.onError?.(error, { mapping: this.name, shardId });
  }

  private async discoverLoop(): Promise<void> {
    while (!this.stopping) {
      try {
        this.startReadyShards(await this.options.source.listShards());
      } catch (error) {
        this.report(error);
      }
      await sleep(this.options.discoveryIntervalMs ?? 1_000, this.stopped);
    }
  }

  /** Starts a poller per new shard whose parent is done or gone: per-key order across a shard split. */
  private startReadyShards(shards: readonly ShardRef[]): void {
    const known = new Set(shards.map((s) => s.shardId));
    for (const shard of shards) {
      if (this.pollers.has(shard.shardId)) continue;
      const parent = shard.parentShardId;
      if (parent && known.has(parent) && !this.finished.has(parent)) continue;
      this.pollers.set(shard.shardId, this.pollShard(shard.shardId));
    }
  }

  private policy(shardId: string): DeliveryPolicy {
    return {
      maxRetryAttempts: this.options.maxRetryAttempts ?? 10,
      bisectOnError: this.options.bisectOnError ?? true,
      retryBackoffMs: this.options.retryBackoffMs ?? 200,
      onError: (error) => this.report(error, shardId),
      onExhausted: async (batch) => {
        this.counts.exhausted += 1;
        this.report(new Error(`batch exhausted its attempts: ${batch.error}`), shardId);
        await this.options.onExhausted?.(batch);
      },
    };
  }

  private checkpointKey(shardId: string): string {
    return `${this.options.source.arn}/${shardId}`;
  }

  private async pollShard(shardId: string): Promise<void> {
    const { source } = this.options;
    const policy = this.policy(shardId);
    let iterator: string | undefined;
    while (!this.stopping) {
      try {
        iterator ??= await source.iterator(shardId, this.checkpoints.get(this.checkpointKey(shardId)));
        const read = await source.read(shardId, iterator, this.options.batchSize ?? 100);
        if (read.records.length > 0) await this.deliver(shardId, read.records, policy);
        if (this.stopping) return;
        if (!read.nextIterator) break;
        iterator = read.nextIterator;
        if (read.records.length === 0) await sleep(this.options.pollIntervalMs ?? 200, this.stopped);
      } catch (error) {
        iterator = undefined;
        await this.pauseAfter(error, shardId);
      }
    }
    if (!this.stopping) this.finished.add(shardId);
  }

  /** Reports a failed read and waits a second; a stale iterator is only replaced, after a poll interval. */
  private async pauseAfter(error: unknown, shardId: string): Promise<void> {
    const stale = STALE_ITERATOR.has((error as Error).name);
    if (!stale) this.report(error, shardId);
    await sleep(stale ? (this.options.pollIntervalMs ?? 200) : 1_000, this.stopped);
  }

  private async deliver(shardId: string, records: readonly R[], policy: DeliveryPolicy): Promise<void> {
    const { source, handler } = this.options;
    const last = await deliverBatch(this.name, source, shardId, handler, records, policy, this.stopped);
    if (last === undefined) return;
    this.counts.batches += 1;
    this.counts.records += records.length;
    this.checkpoints.set(this.checkpointKey(shardId), last);
  }
}

/**
 * Plays the part of a Lambda event source mapping on one machine: one poller per shard (parallelization 1), batches
 * shaped like Lambda's events, partial batch responses honoured, bounded retries, and exhausted batches handed to
 * the on-failure destination.
 * @example
 * const mapping = startEventSourceMapping({ name: 'forwarder', source: dynamoDbStreamSource(...), handler });
 * await mapping.stop();
 */
export function startEventSourceMapping<R>(options: EventSourceMappingOptions<R>): EventSourceMapping {
  const mapping = new Mapping(options);
  mapping.start();
  return mapping;
}
