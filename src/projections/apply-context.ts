import type { StoredEvent } from '../domain/stored-event';
import type { TableSlot } from './table-pointer';

/** Whether an event is applied as it happens (live, to the active table) or again (a replay, a rebuild). */
export type ApplyMode = 'live' | 'replay';

/**
 * Calls to external systems from a projection handler. During replays `send` does nothing and `query` returns
 * the answer recorded when the event was first applied live, so a replay never repeats an external effect and
 * sees the same answers.
 */
export interface SideEffects {
  /** Performs an external call once per (projection, stream, version, key), live only; skipped in replays. */
  send(key: string, call: () => Promise<void>): Promise<void>;
  /** Asks an external system live and records the answer; a replay gets the recorded answer. */
  query<T>(key: string, call: () => Promise<T>): Promise<T>;
}

/** What a handler knows about the event it applies besides its data. */
export interface ApplyContext {
  readonly projection: string;
  readonly slot: TableSlot;
  readonly mode: ApplyMode;
  readonly streamId: string;
  readonly version: number;
  /** The stored event: ids, metadata, commit time. */
  readonly stored: StoredEvent;
  readonly effects: SideEffects;
}
