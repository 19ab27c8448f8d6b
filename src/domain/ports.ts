import type { Snapshot } from './snapshots';
import type { NewEvent, StoredEvent } from './stored-event';

/** The events one commit appends to one stream, at the version the writer expects the stream to be at. */
export interface StreamAppend {
  readonly streamId: string;
  /** The version the stream is at before the append; 0 for a new stream. */
  readonly expectedVersion: number;
  readonly events: readonly NewEvent[];
  /**
   * The stored event at `expectedVersion`, exactly as this store returned it (from `readStream` or a commit's
   * result), when the writer has it. Events are immutable, so a store that recognises the object as its own
   * may skip checking that the expected version exists (the DynamoDB store then writes a single event with
   * one conditional `PutItem` instead of a transaction). Any other value is ignored and the store checks.
   */
  readonly predecessor?: StoredEvent;
  /**
   * True when every event id of this append was generated for this very append and was never sent before (the
   * repository's fresh UUIDs): such ids cannot be stored yet, so the store need not look for them in the stream.
   * Leave it out when the ids come from a caller, who may resend them after a timeout with a later expected
   * version; the store then looks for them among the events before the expected version (see `Commit`).
   */
  readonly freshEventIds?: boolean;
}

/** One atomic commit over one or several streams. */
export interface Commit {
  /**
   * Identifies the commit. A retry with the same event ids stores nothing twice: at the same expected version at
   * any depth, and at a later one (a client that reloaded the stream) when the ids are among the events an adapter
   * looks back over before the expected version (the DynamoDB store: the append's own count plus
   * `RESEND_WINDOW`); it is answered as the first time (`duplicate: true`) or with a `DuplicateEventIdError`.
   */
  readonly commitId: string;
  readonly streams: readonly StreamAppend[];
}

/** What a commit stored: the stored events, and whether this was a retry of a commit already stored. */
export interface CommitResult {
  readonly commitId: string;
  readonly committedAt: string;
  readonly events: readonly StoredEvent[];
  readonly duplicate: boolean;
}

/** Where to start and stop reading a stream. */
export interface ReadStreamOptions {
  /** First version to read; 1 when absent. */
  readonly fromVersion?: number;
  /** Last version to read; the end of the stream when absent. */
  readonly toVersion?: number;
}

/** A position in the global commit-time order of all events. */
export interface GlobalPosition {
  readonly committedAt: string;
  readonly streamId: string;
  readonly version: number;
}

/** A page of the global order. */
export interface ReadAllOptions {
  /** Only events committed at or after this time. */
  readonly since?: string;
  /** Continue strictly after this position (the `next` of the previous page). */
  readonly after?: GlobalPosition;
  /** At most this many events. */
  readonly limit: number;
  /** Stop before the page's serialized size would pass this many bytes. */
  readonly maxBytes?: number;
}

/** One page of all events in commit-time order, with where to continue. */
export interface ReadAllPage {
  readonly events: readonly StoredEvent[];
  /** Absent when the page reached the end of what is stored now. */
  readonly next?: GlobalPosition;
}

/**
 * The append-only event store. Implementations never update or delete a stored event.
 * Appends raise `ConcurrencyError` on a version conflict and `LimitExceededError` before writing anything.
 */
export interface EventStore {
  commit(commit: Commit): Promise<CommitResult>;
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent>;
  readAll(options: ReadAllOptions): Promise<ReadAllPage>;
}

/** Keeps the latest snapshot per stream. */
export interface SnapshotStore {
  /** The latest snapshot of the stream with the given tag, if any. */
  load(streamId: string, tag: string): Promise<Snapshot | undefined>;
  save(snapshot: Snapshot): Promise<void>;
}

/** Publishes stored events onward (the projection or the replay stream), keeping per-aggregate order. */
export interface EventPublisher {
  publish(events: readonly StoredEvent[]): Promise<void>;
}
