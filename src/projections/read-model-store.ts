import type { DocumentView } from './document-projection';
import type { Row, RowChange } from './row-changes';
import type { RowPage, RowQuery } from './row-query';
import type { SqlStatement } from './sql/sql-client';
import type { TableSlot } from './table-pointer';

/** One table of one projection. */
export interface ReadModelTarget {
  readonly projection: string;
  readonly slot: TableSlot;
}

/** An event parked in the dead-letter queue; later events of its stream wait behind it. */
export interface ParkedMark {
  readonly version: number;
  readonly error: string;
  readonly parkedAt: string;
}

/** The version gate of one stream in one projection table, and the stream's document (document projections). */
export interface StreamState {
  /** The last version applied; 0 when none. */
  readonly version: number;
  readonly parked?: ParkedMark;
  readonly document?: DocumentView;
  /**
   * Set on a state that was not read strongly (an eventually consistent read, or version 0 assumed for a
   * stream's first event): it may be behind. Only a conditional write may act on it; a skip may not.
   */
  readonly unconfirmed?: true;
}

/** How a gate is read: `eventual` may answer a state that is behind (half the read units on DynamoDB). */
export type GateRead = 'strong' | 'eventual';

/** The read-model change of one event. */
export type ReadModelChange =
  | { readonly kind: 'none' }
  | { readonly kind: 'document'; readonly document: DocumentView | undefined }
  | { readonly kind: 'rows'; readonly rows: readonly RowChange[] }
  | { readonly kind: 'sql'; readonly statements: readonly SqlStatement[] };

/** Moves a stream's gate from `from` to `to` together with the read-model change. */
export interface GateStep {
  readonly from: number;
  readonly to: number;
  readonly change: ReadModelChange;
  /** Set when this step applies the parked event of this version: the step also clears the mark. */
  readonly releases?: number;
}

/** One stream's gate move in a joint commit: from `from` to `to`, the stream not parked. */
export interface GateMove {
  readonly streamId: string;
  readonly from: number;
  readonly to: number;
}

/**
 * Where projections keep their read models and version gates. `commit` writes the change and the gate's move
 * in ONE conditional write (or one transaction), so a crash can never leave a change without its gate move.
 */
export interface ReadModelStore {
  /** The gate (and document) of a stream; strongly consistent unless `read` is 'eventual'. */
  readState(target: ReadModelTarget, streamId: string, read?: GateRead): Promise<StreamState>;
  /**
   * Applies the step if the gate is at `step.from` and the stream is not parked (or the parked version is the
   * one released); false when it is not, and then nothing was written.
   */
  commit(target: ReadModelTarget, streamId: string, step: GateStep): Promise<boolean>;
  /**
   * Moves the gates of several streams and writes their merged row changes in ONE conditional write: all of it
   * when every gate is where the move says and no stream is parked, else nothing (false). Optional: a store
   * without it has every stream committed on its own.
   */
  commitJoint?(
    target: ReadModelTarget,
    moves: readonly GateMove[],
    rows: readonly RowChange[],
  ): Promise<boolean>;
  /** The gates of several streams of one table in one read; optional (`readState` for each otherwise). */
  readStates?(
    target: ReadModelTarget,
    streamIds: readonly string[],
    read?: GateRead,
  ): Promise<Map<string, StreamState>>;
  /** Marks the stream parked if its gate is still at `expectedVersion` and it is not parked yet. */
  park(
    target: ReadModelTarget,
    streamId: string,
    expectedVersion: number,
    mark: ParkedMark,
  ): Promise<boolean>;
}

/** Reads a projection's read model back (tests, APIs). */
export interface ReadModelReader {
  document(target: ReadModelTarget, streamId: string): Promise<DocumentView | undefined>;
  row(target: ReadModelTarget, key: string): Promise<Row | undefined>;
  /** One page of the rows whose key starts with the query's prefix; follow `cursor` for the next page. */
  rows(target: ReadModelTarget, query: RowQuery): Promise<RowPage>;
  /** Every document (by stream) and row (by key) of the table. */
  dump(target: ReadModelTarget): Promise<ReadModelDump>;
}

/** The whole content of a projection table. */
export interface ReadModelDump {
  readonly documents: Record<string, DocumentView>;
  readonly rows: Record<string, Row>;
  readonly versions: Record<string, number>;
}
