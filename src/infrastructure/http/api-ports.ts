import type { DomainModel } from '../../domain/domain-model';
import type { EventStore } from '../../domain/ports';
import type { EventMetadata, StoredEvent } from '../../domain/stored-event';
import type { ReplayMode } from '../../application/replay/replay-mode';
import type { Row } from '../../projections/row-changes';
import type { RowPage, RowQuery } from '../../projections/row-query';

/** What running a command stored. */
export interface CommandRunOutcome {
  readonly streamId: string;
  /** The target aggregate's version after the command. */
  readonly version: number;
  readonly commitId?: string;
  readonly events: readonly StoredEvent[];
}

/** Runs a registered command by name (validation, load, decide, commit with retries); the command bus. */
export interface CommandRunner {
  dispatch(name: string, input: unknown, options?: { metadata?: EventMetadata }): Promise<CommandRunOutcome>;
}

/** Starts and observes replays. */
export interface ReplayOperations {
  start(mode: ReplayMode): Promise<string>;
  status(replayId: string): Promise<object>;
  cancel(replayId: string): Promise<object>;
  resume(replayId: string): Promise<object>;
}

/** Rebuilds projections into their standby table, and rolls a flip back. */
export interface RebuildOperations {
  start(projection: string): Promise<{ readonly rebuildId: string } & object>;
  status(projection: string): Promise<object>;
  rollback(projection: string): Promise<object>;
}

/** Re-applies the events parked in the dead-letter queue and releases the aggregates held behind them. */
export interface DeadLetterOperations {
  redrive(): Promise<object>;
}

/** Forgets data subjects (guarantee 14). */
export interface SubjectOperations {
  forget(subject: string, metadata?: EventMetadata): Promise<object>;
}

/** Reads a projection's active read model: a document by stream, a row by key, a page of rows by key prefix. */
export interface DocumentReader {
  document(projection: string, streamId: string): Promise<object | undefined>;
  row(projection: string, key: string): Promise<Row | undefined>;
  rows(projection: string, query: RowQuery): Promise<RowPage>;
}

/** Runs the named queries of SQL projections: one page by keyset (`SqlQueryRunner`). */
export interface SqlQueryOperations {
  run(
    projection: string,
    query: string,
    params: Record<string, unknown>,
    page: { cursor?: string; limit?: number | string },
  ): Promise<{ rows: object[]; cursor?: string }>;
}

/** The limits the API enforces before anything else runs. */
export interface ApiLimits {
  /** Largest request body accepted, in bytes (UTF-8); larger ones get 413. */
  readonly maxBodyBytes: number;
  /** Most events one batch publish may carry (DynamoDB transactions take 100 items). */
  readonly maxBatchEvents: number;
  /** Most levels of objects and arrays in a body; deeper ones get 413 before any parsing into classes. */
  readonly maxDepth: number;
  /** Longest key of an object in a body, in bytes (UTF-8); longer ones get 413. */
  readonly maxKeyBytes: number;
}

/**
 * Default limits: 256 KB bodies (well inside Lambda's 6 MB and DynamoDB's 400 KB items), 100 events a batch,
 * 40 levels of nesting (an event's data and metadata are held to DynamoDB's 31 by the store; the batch wrapper
 * takes three more) and keys of at most 1 KB.
 */
export const defaultApiLimits: ApiLimits = {
  maxBodyBytes: 256 * 1024,
  maxBatchEvents: 100,
  maxDepth: 40,
  maxKeyBytes: 1024,
};

/** Everything the HTTP API drives; the container wires the concrete services. */
export interface ApiServices {
  readonly domain: DomainModel;
  readonly eventStore: Pick<EventStore, 'commit' | 'readStream'>;
  readonly commands: CommandRunner;
  readonly replays: ReplayOperations;
  readonly rebuilds: RebuildOperations;
  readonly documents: DocumentReader;
  readonly deadLetters: DeadLetterOperations;
  /** Present when the app has SQL projections. */
  readonly sqlQueries?: SqlQueryOperations;
  /** Present when the domain declares personal data. */
  readonly subjects?: SubjectOperations;
  /** Names of the registered projections. */
  readonly projections: readonly string[];
  readonly limits: ApiLimits;
}
