import {
  type ApplyContext,
  DocumentProjection,
  On,
  Projection,
  type ReadModelDump,
  type RowChanges,
  RowProjection,
} from '../src/projections';
import { defineEventfoldApp, type EventfoldApp } from '../src/infrastructure/container/eventfold-app';
import { benchDomain, CounterIncremented } from './bench-domain';

/** The document the replay benchmark's projection keeps per counter. */
export interface CountView {
  count: number;
  total: number;
}

/** Counts each counter's events: what the replay benchmark replays into. */
@Projection('bench-counts')
export class BenchCounts extends DocumentProjection<CountView> {
  @On(CounterIncremented)
  incremented(view: CountView | undefined, e: CounterIncremented): CountView {
    return { count: (view?.count ?? 0) + 1, total: (view?.total ?? 0) + e.by };
  }
}

/** The row a counter has in the row projection. */
export interface CountRow {
  count: number;
  total: number;
}

/** The same counts as rows (one per counter, additions only): a replay into a row projection. */
@Projection('bench-count-rows')
export class BenchCountRows extends RowProjection<CountRow> {
  @On(CounterIncremented)
  incremented(e: CounterIncremented, rows: RowChanges<CountRow>, ctx: ApplyContext): void {
    rows.add(`counter#${ctx.streamId}`, { count: 1, total: e.by });
  }
}

/** Which projection a replay benchmark fills: the document one, or the row one. */
export type ReplayProjectionKind = 'documents' | 'rows';

/** The projection's name and how many events its read model has counted so far. */
export const REPLAY_PROJECTIONS = {
  documents: { name: 'bench-counts', counted: (dump: ReadModelDump) => sumOf(Object.values(dump.documents)) },
  rows: { name: 'bench-count-rows', counted: (dump: ReadModelDump) => sumOf(Object.values(dump.rows)) },
} as const;

function sumOf(counts: readonly { count?: unknown }[]): number {
  return counts.reduce<number>((n, c) => n + Number(c.count ?? 0), 0);
}

/** The benchmark domain with the counting projection of the given kind. */
export function replayBenchApp(kind: ReplayProjectionKind = 'documents'): EventfoldApp {
  const projection = kind === 'rows' ? new BenchCountRows() : new BenchCounts();
  return defineEventfoldApp({ domain: benchDomain, projections: [projection] });
}

/** Shards of the replay stream: the consumer's parallelism (one poller per shard, as Lambda without a parallelization factor). */
export const REPLAY_SHARDS = 4;

/**
 * The `EVENTFOLD_*` names of one replay size's own tables and streams, so sizes never see each other's events.
 * A `run` name gives a further replay of the same events its own read models and streams (the control table
 * stays: it lists the time buckets the events were written in).
 */
export function replayEnv(events: number, run?: string): Record<string, string> {
  const p = `replay${events}-`;
  const r = run ? `${p}${run}-` : p;
  return {
    EVENTFOLD_EVENTS_TABLE: `${p}events`,
    EVENTFOLD_SNAPSHOTS_TABLE: `${p}snapshots`,
    EVENTFOLD_CONTROL_TABLE: `${p}control`,
    EVENTFOLD_READ_MODEL_TABLE_PREFIX: `${r}rm-`,
    EVENTFOLD_PROJECTION_STREAM: `${r}projection`,
    EVENTFOLD_REPLAY_STREAM: `${r}replay`,
  };
}
