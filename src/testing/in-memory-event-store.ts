import { ConcurrencyError } from '../domain/concurrency-error';
import type {
  Commit,
  CommitResult,
  EventStore,
  ReadAllOptions,
  ReadAllPage,
  ReadStreamOptions,
  SnapshotStore,
} from '../domain/ports';
import type { Snapshot } from '../domain/snapshots';
import { type StoredEvent, storedEventOf } from '../domain/stored-event';
import { validateCommit } from '../infrastructure/dynamodb/event-store/commit-validation';
import { findResend, resendWindows } from '../infrastructure/dynamodb/event-store/resend-check';
import { compareCommitTime } from './commit-order';

/**
 * An `EventStore` in memory: the in-memory app and unit tests use it. It shares the commit validation of the
 * DynamoDB adapter and passes the same contract suite. Commit times come from `clock` (strictly increasing).
 * @example
 * const store = new InMemoryEventStore(() => clock.now());
 */
export class InMemoryEventStore implements EventStore {
  constructor(private readonly clock: () => number = Date.now) {}

  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly all: StoredEvent[] = [];
  private lastTime = 0;
  eventsRead = 0;
  commits = 0;
  /** Runs right before each commit is applied: lets a test play a competing writer. */
  beforeCommit?: (commit: Commit) => Promise<void>;

  async commit(commit: Commit): Promise<CommitResult> {
    const appends = validateCommit(commit);
    await this.beforeCommit?.(commit);
    // Caller-chosen ids are looked for over the same versions the DynamoDB store reads.
    const recent = new Map(
      [...resendWindows(appends)].map(([streamId, range]) => [
        streamId,
        (this.streams.get(streamId) ?? []).slice(range.fromVersion - 1, range.toVersion),
      ]),
    );
    const resent = findResend(appends, recent);
    if (resent) return resent;
    // A retry at the same expected versions: every event already at its version, as the DynamoDB store checks.
    const atVersions = appends.map((a) =>
      (this.streams.get(a.streamId) ?? []).slice(a.expectedVersion, a.expectedVersion + a.events.length),
    );
    if (appends.every((a, i) => a.events.every((e, j) => atVersions[i]![j]?.eventId === e.eventId))) {
      const events = atVersions.flat();
      return { commitId: events[0]!.commitId, committedAt: events[0]!.committedAt, events, duplicate: true };
    }
    for (const append of appends) {
      const actual = this.streams.get(append.streamId)?.length ?? 0;
      if (actual !== append.expectedVersion) {
        throw new ConcurrencyError(append.streamId, append.expectedVersion, actual);
      }
    }
    this.lastTime = Math.max(this.lastTime + 1, this.clock());
    const committedAt = new Date(this.lastTime).toISOString();
    const events = appends.flatMap((append) =>
      append.events.map((event, i) =>
        storedEventOf(event, {
          streamId: append.streamId,
          version: append.expectedVersion + i + 1,
          commitId: commit.commitId,
          committedAt,
        }),
      ),
    );
    for (const event of events) {
      this.streams.set(event.streamId, [...(this.streams.get(event.streamId) ?? []), event]);
      this.all.push(event);
    }
    this.commits += 1;
    return { commitId: commit.commitId, committedAt, events, duplicate: false };
  }

  /** How many events are stored, over all streams. */
  get eventCount(): number {
    return this.all.length;
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    const from = options.fromVersion ?? 1;
    const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
    for (const event of this.streams.get(streamId) ?? []) {
      if (event.version < from || event.version > to) continue;
      this.eventsRead += 1;
      yield event;
    }
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllPage> {
    const sorted = [...this.all].sort(compareCommitTime);
    const after = options.after;
    const matching = sorted.filter(
      (e) =>
        (options.since === undefined || e.committedAt >= new Date(options.since).toISOString()) &&
        (!after || compareCommitTime(e, { ...e, ...after }) > 0),
    );
    let bytes = 0;
    const fits = (e: StoredEvent, i: number) =>
      i === 0 ||
      options.maxBytes === undefined ||
      (bytes += Buffer.byteLength(JSON.stringify(e))) <= options.maxBytes;
    if (matching[0]) bytes = Buffer.byteLength(JSON.stringify(matching[0]));
    const limited = matching.slice(0, options.limit);
    const cut = limited.findIndex((e, i) => !fits(e, i));
    const events = cut < 0 ? limited : limited.slice(0, cut);
    const last = events[events.length - 1];
    return matching.length > events.length && last ? { events, next: last } : { events };
  }
}

/** Snapshots in memory; `failWrites` makes every save throw. */
export class InMemorySnapshotStore implements SnapshotStore {
  readonly saved: Snapshot[] = [];
  failWrites = false;

  async load(streamId: string, tag: string): Promise<Snapshot | undefined> {
    return [...this.saved].reverse().find((s) => s.streamId === streamId && s.tag === tag);
  }

  async save(snapshot: Snapshot): Promise<void> {
    if (this.failWrites) throw new Error('snapshot store unavailable');
    this.saved.push(snapshot);
  }
}
