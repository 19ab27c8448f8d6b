import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConfigurationError } from '../../../domain/domain-errors';
import type {
  Commit,
  CommitResult,
  EventStore,
  ReadAllOptions,
  ReadAllPage,
  ReadStreamOptions,
} from '../../../domain/ports';
import type { StoredEvent } from '../../../domain/stored-event';
import { predecessorTimeAhead } from './clock-skew';
import { planCommit, type PredecessorCheck } from './commit-plan';
import { validateCommit } from './commit-validation';
import { StreamConditionFailed, writeCommit } from './commit-writer';
import { type ConflictReads, resolveRefusedCommit } from './conflict-resolution';
import { IssuedEvents } from './issued-events';
import { type PredecessorSource, readPredecessors } from './predecessor-reads';
import { readAllPage } from './read-all';
import { findResend, predecessorsIn, resendWindows } from './resend-check';
import { scanAllPage } from './scan-read-all';
import { currentVersion, readEventAt, readStreamEvents, type ReadCounter } from './stream-reader';
import { TimeBucketRegistry } from './time-buckets';
import { MAX_TIME_INDEX_SHARDS, timeBucketOf } from './time-index';

/** How often a commit is re-timed after a predecessor with a later commit time (a writer clock behind). */
const CLOCK_SKEW_ATTEMPTS = 3;

/** The latest of ISO commit times. */
function latest(first: string, others: Iterable<string>): string {
  let max = first;
  for (const time of others) if (time > max) max = time;
  return max;
}

/** Hands out a stream's events, recording each as issued by this store. */
async function* issuing(
  events: AsyncIterable<StoredEvent>,
  issued: IssuedEvents,
): AsyncGenerator<StoredEvent> {
  for await (const event of events) yield issued.issue(event);
}

/** The recent events of each resend window by stream id, and the commit times of predecessors read. */
type ReadsBeforeWriting = [Map<string, StoredEvent[]>, Map<string, string>];

/** Where the DynamoDB event store keeps its data (the matching fields of `EventfoldConfig`). */
export interface DynamoDbEventStoreOptions {
  readonly eventsTable: string;
  readonly controlTable: string;
  /**
   * Write shards of new time buckets (1 to 100), or 0 (the default of `configFromEnv`) for no time index: then
   * `readAll` scans the table. Choose it once per events table: `readAll` on the index does not see events
   * written while it was off.
   */
  readonly timeIndexShards: number;
  /** The commit clock; `new Date()` when absent. */
  readonly clock?: () => Date;
}

/**
 * The event store on DynamoDB: one item per event (`streamId` + `version`), appended with a conditional
 * `PutItem` (a single event) or one `TransactWriteItems` (several events or several streams). Versions stay
 * contiguous from 1: an append at expected version N > 0 writes only after event N is known to exist. Events
 * are immutable and never deleted, so proof found once holds: either the append names as its `predecessor`
 * event N as this store read or wrote it (the repository does this for every aggregate it loaded or saved),
 * or the store reads event N first, strongly consistent. Only when event N is missing does the write carry
 * a check of it (in a transaction, which then refuses the commit).
 * Limits are checked before anything is read or written. A refused write becomes a
 * `ConcurrencyError` naming stream, expected and actual version, or, when the stored events carry the commit's
 * event ids, the answer of the first attempt with `duplicate: true`.
 *
 * Event ids a caller chose (an append without `freshEventIds`) may be a resend at a later expected version N: the
 * store first reads, strongly consistent, the versions N - n - `RESEND_WINDOW` + 1 to N (n: the append's events)
 * with one Query instead of the GetItem of event N, and answers a resend found there as the first time, or refuses
 * any other reuse of an id with a `DuplicateEventIdError`. Ids stored further back are not looked for.
 *
 * Reads: `readStream` is strongly consistent. `readAll` scans the table, strongly consistent (every event whose
 * commit returned before the scan passed its key), unless `timeIndexShards` is above 0: then it reads the
 * write-sharded time index in commit-time order, a GSI and so eventually consistent on AWS (usually well under a
 * second behind), and a reader following the live tail should stay a few seconds behind "now", because commit
 * times come from the writers' clocks.
 * @example
 * const store = new DynamoDbEventStore(client, config);
 * await store.commit({ commitId, streams: [{ streamId: 'Order#1', expectedVersion: 0, events }] });
 */
export class DynamoDbEventStore implements EventStore {
  /** What this store read from DynamoDB so far (items and requests). */
  readonly reads: ReadCounter = { itemsRead: 0, requests: 0 };
  private readonly registry: TimeBucketRegistry;
  private readonly clock: () => Date;
  private readonly issued = new IssuedEvents();

  constructor(
    private readonly client: DynamoDBClient,
    private readonly options: DynamoDbEventStoreOptions,
  ) {
    const shards = options.timeIndexShards;
    if (!Number.isInteger(shards) || shards < 0 || shards > MAX_TIME_INDEX_SHARDS) {
      throw new ConfigurationError(
        `timeIndexShards must be a whole number from 0 to ${MAX_TIME_INDEX_SHARDS}`,
        {
          timeIndexShards: shards,
        },
      );
    }
    this.registry = new TimeBucketRegistry(client, options.controlTable, options.eventsTable, shards);
    this.clock = options.clock ?? (() => new Date());
  }

  /**
   * Appends a commit atomically. Commit times never go backwards within a stream: when this writer's clock is
   * behind the commit time of the event it appends after, the commit takes that later time instead (so the
   * global commit-time order keeps each stream's version order).
   */
  async commit(commit: Commit): Promise<CommitResult> {
    const appends = validateCommit(commit);
    const issued = this.issued.vouchedFor(appends);
    // Limits first, before anything is read or written (even a time bucket marker).
    let plan = planCommit(
      commit.commitId,
      appends,
      latest(this.clock().toISOString(), issued.values()),
      this.options.timeIndexShards,
      issued,
    );
    // Caller-chosen ids are looked for before writing; that read also proves the predecessor, as a GetItem would.
    const windows = resendWindows(appends);
    const [recent, read] = await this.readBeforeWriting(
      windows,
      plan.checks.filter((check) => !windows.has(check.streamId)),
    );
    const resent = findResend(appends, recent);
    if (resent) return resent;
    const vouched = new Map([...issued, ...predecessorsIn(appends, recent), ...read]);
    let committedAt = latest(plan.committedAt, vouched.values());
    for (let attempt = 1; ; attempt++) {
      const shards = await this.shardsAt(committedAt);
      // Planned again when a predecessor was read, the bucket has another shard count or the time moved.
      const readSince = plan.checks.some((check) => vouched.has(check.streamId));
      if (readSince || shards !== plan.shards || committedAt !== plan.committedAt) {
        plan = planCommit(commit.commitId, appends, committedAt, shards, vouched);
      }
      try {
        await writeCommit(this.client, this.options.eventsTable, plan);
        plan.events.forEach((event) => this.issued.issue(event));
        return { commitId: plan.commitId, committedAt, events: plan.events, duplicate: false };
      } catch (error) {
        if (!(error instanceof StreamConditionFailed)) throw error;
        const reads = this.conflictReads();
        const later =
          attempt < CLOCK_SKEW_ATTEMPTS ? await predecessorTimeAhead(plan, reads.eventAt) : undefined;
        if (!later) return resolveRefusedCommit(plan, error.streamIds, reads, error.cause);
        committedAt = later;
      }
    }
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    const range = {
      fromVersion: options.fromVersion ?? 1,
      toVersion: options.toVersion ?? Number.MAX_SAFE_INTEGER,
    };
    const events = readStreamEvents(this.client, this.options.eventsTable, streamId, range, this.reads);
    return issuing(events, this.issued);
  }

  /**
   * A page of every event: with the time index in commit-time order (commit time, stream id, version); without it
   * by a scan, each stream in version order, streams in the table's key order (see `scanAllPage`).
   */
  readAll(options: ReadAllOptions): Promise<ReadAllPage> {
    const sources = { client: this.client, tableName: this.options.eventsTable, counter: this.reads };
    if (this.options.timeIndexShards === 0) return scanAllPage(sources, options);
    return readAllPage({ ...sources, registry: this.registry }, options);
  }

  /** The write shards of the time bucket of a commit time (registering it first); 0 without a time index. */
  private shardsAt(committedAt: string): Promise<number> {
    if (this.options.timeIndexShards === 0) return Promise.resolve(0);
    return this.registry.shardsFor(timeBucketOf(committedAt));
  }

  /** The version a stream is at now (strongly consistent); 0 when it has no events. */
  currentVersion(streamId: string): Promise<number> {
    return currentVersion(this.client, this.options.eventsTable, streamId, this.reads);
  }

  /**
   * The recent events of each resend window and the commit times of the unvouched predecessors, read in parallel;
   * nothing is awaited when there is nothing to read (fresh ids after a predecessor this store issued).
   */
  private readBeforeWriting(
    windows: ReadonlyMap<string, Required<ReadStreamOptions>>,
    checks: readonly PredecessorCheck[],
  ): ReadsBeforeWriting | Promise<ReadsBeforeWriting> {
    if (windows.size === 0 && checks.length === 0) return [new Map(), new Map()];
    return Promise.all([this.readWindows(windows), readPredecessors(this.source(), checks)]);
  }

  /** The events in each window, strongly consistent and in parallel, by stream id. */
  private async readWindows(
    windows: ReadonlyMap<string, Required<ReadStreamOptions>>,
  ): Promise<Map<string, StoredEvent[]>> {
    const read = async ([streamId, range]: [string, Required<ReadStreamOptions>]) =>
      [streamId, await this.collect(streamId, range)] as const;
    return new Map(await Promise.all([...windows].map(read)));
  }

  /** The events of a stream in a range, as an array. */
  private async collect(streamId: string, range: ReadStreamOptions): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for await (const event of this.readStream(streamId, range)) events.push(event);
    return events;
  }

  private source(): PredecessorSource {
    return { client: this.client, tableName: this.options.eventsTable, counter: this.reads };
  }

  private conflictReads(): ConflictReads {
    const table = this.options.eventsTable;
    return {
      eventAt: (streamId, version) => readEventAt(this.client, table, streamId, version, this.reads),
      versionOf: (streamId) => this.currentVersion(streamId),
      range: (streamId, fromVersion, toVersion) => this.collect(streamId, { fromVersion, toVersion }),
    };
  }
}
