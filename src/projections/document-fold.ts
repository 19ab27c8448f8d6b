import type { StoredEvent } from '../domain/stored-event';
import type { DocumentView } from './document-projection';
import type { ReadModelChange, StreamState } from './read-model-store';

/** What running a handler gave: the change, or the error after every attempt. */
export type HandlerOutcome = { change: ReadModelChange } | { error: unknown; attempts: number };

/** Consecutive events of a document projection folded in memory, and the event that failed after them, if any. */
export interface DocumentFold {
  /** The events folded, ascending from the gate on; the gate may move past the last one in one write. */
  readonly folded: readonly StoredEvent[];
  /** The stream's document after the folded events. */
  readonly document: DocumentView | undefined;
  /** The event right after the folded ones whose handler failed every attempt: it is to be parked. */
  readonly failure?: { readonly event: StoredEvent; readonly error: unknown; readonly attempts: number };
}

/**
 * Runs a document projection's handler over the events from `start` on that follow the gate without a gap,
 * each on the document the previous one left, so that the whole run is written once (a document projection's
 * change is the whole document). Stops at a gap, at the end, or at the first event whose handler fails.
 * Undefined when fewer than two events follow the gate: the one-event path handles gaps and duplicates.
 */
export async function foldDocumentRun(
  state: StreamState,
  events: readonly StoredEvent[],
  start: number,
  run: (state: StreamState, event: StoredEvent) => Promise<HandlerOutcome>,
): Promise<DocumentFold | undefined> {
  if (state.parked) return undefined;
  const second = events[start + 1];
  if (events[start]?.version !== state.version + 1 || second?.version !== state.version + 2) return undefined;
  const folded: StoredEvent[] = [];
  let document = state.document;
  for (let i = start; i < events.length; i += 1) {
    const event = events[i] as StoredEvent;
    if (event.version !== state.version + 1 + folded.length) break;
    const outcome = await run({ version: event.version - 1, document }, event);
    if ('error' in outcome) return { folded, document, failure: { event, ...outcome } };
    if (outcome.change.kind === 'document') document = outcome.change.document;
    folded.push(event);
  }
  return { folded, document };
}
