import type { StoredEvent } from '../domain/stored-event';
import type { DocumentView } from './document-projection';
import type { ReadModelChange, StreamState } from './read-model-store';
import { RowMerge } from './row-merge';
import type { SqlStatement } from './sql/sql-client';

/** What running a handler gave: the change, or the error after every attempt. */
export type HandlerOutcome = { change: ReadModelChange } | { error: unknown; attempts: number };

/** Consecutive events folded in memory into one change, and the event that failed after them, if any. */
export interface RunFold {
  /** The events folded, ascending from the gate on; the gate may move past the last one in one write. */
  readonly folded: readonly StoredEvent[];
  /** The change of all folded events together. */
  readonly change: ReadModelChange;
  /** The event right after the folded ones whose handler failed every attempt: it is to be parked. */
  readonly failure?: { readonly event: StoredEvent; readonly error: unknown; readonly attempts: number };
}

/** How one kind of projection folds changes: what a handler sees, and how a change joins the fold. */
interface Folding {
  /** The state the handler of `event` runs on, after what was folded so far. */
  stateBefore(event: StoredEvent): StreamState;
  /** Adds an event's change; false when it cannot join (the fold then ends before that event). */
  add(change: ReadModelChange): boolean;
  result(): ReadModelChange;
}

/** A document projection's change is the whole document: each handler runs on the one the previous left. */
function documentFolding(state: StreamState): Folding {
  let document: DocumentView | undefined = state.document;
  return {
    stateBefore: (event) => ({ version: event.version - 1, document }),
    add(change) {
      if (change.kind === 'document') document = change.document;
      return true;
    },
    result: () => ({ kind: 'document', document }),
  };
}

/** A row projection's changes merge per row (see `RowMerge`). */
function rowFolding(): Folding {
  const merge = new RowMerge();
  return {
    stateBefore: (event) => ({ version: event.version - 1 }),
    add: (change) => change.kind !== 'rows' || merge.add(change.rows),
    result: () => ({ kind: 'rows', rows: merge.list() }),
  };
}

/** A SQL projection's statements run in order: the fold is their concatenation, in one transaction. */
function sqlFolding(): Folding {
  const statements: SqlStatement[] = [];
  return {
    stateBefore: (event) => ({ version: event.version - 1 }),
    add(change) {
      if (change.kind === 'sql') statements.push(...change.statements);
      return true;
    },
    result: () => ({ kind: 'sql', statements }),
  };
}

const foldings = { document: documentFolding, rows: rowFolding, sql: sqlFolding } as const;

/**
 * Runs a projection's handler over the events from `start` on that follow the gate without a gap and folds
 * their changes into one, so that the whole run is written once with the gate's move past its last event.
 * Stops at a gap, at the end, before an event whose change cannot join the fold, or at the first event whose
 * handler fails. Undefined when fewer than two events follow the gate (the one-event path handles gaps and
 * duplicates) or nothing could be folded.
 */
export async function foldRun(
  kind: keyof typeof foldings,
  state: StreamState,
  events: readonly StoredEvent[],
  start: number,
  run: (state: StreamState, event: StoredEvent) => Promise<HandlerOutcome>,
): Promise<RunFold | undefined> {
  if (state.parked) return undefined;
  const second = events[start + 1];
  if (events[start]?.version !== state.version + 1 || second?.version !== state.version + 2) return undefined;
  const folding = foldings[kind](state);
  const folded: StoredEvent[] = [];
  for (let i = start; i < events.length; i += 1) {
    const event = events[i] as StoredEvent;
    if (event.version !== state.version + 1 + folded.length) break;
    const outcome = await run(folding.stateBefore(event), event);
    if ('error' in outcome) return { folded, change: folding.result(), failure: { event, ...outcome } };
    if (!folding.add(outcome.change)) break;
    folded.push(event);
  }
  return folded.length > 0 ? { folded, change: folding.result() } : undefined;
}
