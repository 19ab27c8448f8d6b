import { DocumentProjection, On, Projection } from '../src/projections';
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

/** The benchmark domain with the counting projection. */
export function replayBenchApp(): EventfoldApp {
  return defineEventfoldApp({ domain: benchDomain, projections: [new BenchCounts()] });
}

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
