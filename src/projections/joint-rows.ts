import type { StoredEvent } from '../domain/stored-event';
import type { GateMove, ReadModelStore, StreamState } from './read-model-store';
import type { RowChange } from './row-changes';
import { RowMerge } from './row-merge';
import type { HandlerOutcome } from './run-fold';
import type { ApplyTarget } from './targets';

/** The events of one stream in a joint write, ascending. */
export type StreamEvents = readonly [streamId: string, events: readonly StoredEvent[]];

/** Runs a projection's handler for one event on the state before it. */
type RunHandler = (state: StreamState, event: StoredEvent) => Promise<HandlerOutcome>;

/** The most items one DynamoDB transaction holds: gates and rows together. */
const MAX_ITEMS = 100;

/** Who touched a row so far in a joint write, and whether only with additions. */
interface RowUse {
  readonly streamId: string;
  addOnly: boolean;
}

/** A row touched by two streams must only be added to by both: their order across streams is not fixed. */
function shareable(rows: readonly RowChange[], streamId: string, uses: Map<string, RowUse>): boolean {
  for (const row of rows) {
    const addOnly = row.kind === 'upsert' && Object.keys(row.set).length === 0;
    const use = uses.get(row.key);
    if (!use) uses.set(row.key, { streamId, addOnly });
    else if (use.streamId !== streamId && !(use.addOnly && addOnly)) return false;
    else use.addOnly &&= addOnly;
  }
  return true;
}

/** The gate moves and merged rows of every stream, or undefined when they cannot be one write. */
async function plan(states: Map<string, StreamState>, streams: readonly StreamEvents[], run: RunHandler) {
  const merge = new RowMerge();
  const uses = new Map<string, RowUse>();
  const moves: GateMove[] = [];
  for (const [streamId, events] of streams) {
    const state = states.get(streamId) ?? { version: 0 };
    if (state.parked) return undefined;
    let version = state.version;
    for (const event of events.filter((e) => e.version > state.version)) {
      // A gap (or a version twice) is the one-stream path's to handle: it reads the store.
      if (event.version !== version + 1) return undefined;
      const outcome = await run({ version }, event);
      if ('error' in outcome) return undefined;
      const rows = outcome.change.kind === 'rows' ? outcome.change.rows : [];
      if (!shareable(rows, streamId, uses) || !merge.add(rows)) return undefined;
      version = event.version;
    }
    if (version > state.version) moves.push({ streamId, from: state.version, to: version });
  }
  const rows = merge.list();
  return moves.length + rows.length <= MAX_ITEMS ? { moves, rows } : undefined;
}

/**
 * Applies the live events of several streams to one row projection table in ONE conditional write: no gate is
 * read (each is assumed right behind its stream's first event), each stream's events run from there on, the rows merge (rows shared
 * by streams only through additions, see `RowMerge`), and every gate moves with the rows in one transaction
 * that fails whole if any gate moved meanwhile or a stream got parked. False when that cannot be done (a gap,
 * a parked stream, a failing handler, a change that does not merge, too many items, a gate moved): then the
 * caller applies each stream on its own, and nothing was written. True when everything was applied.
 */
export async function applyJointly(
  store: ReadModelStore,
  at: ApplyTarget,
  streams: readonly StreamEvents[],
  run: RunHandler,
): Promise<boolean> {
  if (!store.commitJoint || at.mode !== 'live' || streams.length < 2) return false;
  // No gate read: each gate is assumed right behind its stream's first event (as it is whenever the events before
  // were delivered). A wrong guess only makes the conditional transaction fail, and then nothing is written and
  // each stream goes on its own (which reads its gate strongly before skipping anything).
  const states = new Map(
    streams.map(([id, events]) => [id, { version: (events[0]?.version ?? 1) - 1 }] as const),
  );
  const joint = await plan(states, streams, run);
  if (!joint) return false;
  if (joint.moves.length === 0) return true;
  return store.commitJoint(at.target, joint.moves, joint.rows);
}
