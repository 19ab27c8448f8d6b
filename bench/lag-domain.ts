import { type ApplyContext, DocumentProjection, On, Projection } from '../src/projections';
import { defineEventfoldApp, type EventfoldApp } from '../src/infrastructure/container/eventfold-app';
import { benchDomain, CounterIncremented } from './bench-domain';

/** The document the lag benchmark's projection keeps per counter. */
export interface LagView {
  count: number;
}

/**
 * Counts each counter's events and notes, for every live event, how long after its commit time the projection
 * applied it (in this process: the embedded runtime runs the consumer here).
 */
@Projection('bench-lag')
export class LagProbe extends DocumentProjection<LagView> {
  /** Milliseconds from commit to apply, by `streamId@version` (the last apply wins after a redelivery). */
  readonly applied = new Map<string, number>();

  @On(CounterIncremented)
  incremented(view: LagView | undefined, _e: CounterIncremented, ctx: ApplyContext): LagView {
    if (ctx.mode === 'live') {
      this.applied.set(`${ctx.streamId}@${ctx.version}`, Date.now() - Date.parse(ctx.stored.committedAt));
    }
    return { count: (view?.count ?? 0) + 1 };
  }
}

/** The benchmark domain with the lag probe. */
export function lagBenchApp(probe: LagProbe): EventfoldApp {
  return defineEventfoldApp({ domain: benchDomain, projections: [probe] });
}
