import { Expose } from 'class-transformer';
import { EventRegistry } from '../../../src/domain/event-registry';
import { DomainEvent } from '../../../src/domain/event-types';
import type { NewEvent, StoredEvent } from '../../../src/domain/stored-event';
import type { ApplyContext } from '../../../src/projections/apply-context';
import { DocumentProjection } from '../../../src/projections/document-projection';
import { On, Projection } from '../../../src/projections/projection-decorators';

/** The one event of the replay end-to-end tests: a counter counted `n`. */
@DomainEvent('Counted', 1)
export class Counted {
  @Expose() n!: number;
}

/** What the counters projection keeps per counter. */
export interface CounterView {
  count: number;
  sum: number;
  lastVersion: number;
}

/** One document per counter: how many events, their sum, the last version seen. */
@Projection('counters', { rebuildable: true })
export class Counters extends DocumentProjection<CounterView> {
  @On(Counted) counted(view: CounterView | undefined, e: Counted, ctx: ApplyContext): CounterView {
    return { count: (view?.count ?? 0) + 1, sum: (view?.sum ?? 0) + e.n, lastVersion: ctx.version };
  }
}

export function countersRegistry(): EventRegistry {
  return new EventRegistry().register(Counted).seal();
}

let ids = 0;

/** A new Counted event. */
export function counted(n: number): NewEvent {
  return { eventId: `c-${process.pid}-${(ids += 1)}`, type: 'Counted', schemaVersion: 1, data: { n } };
}

/** The counters read model the events must produce: the projection folded over each stream. */
export function foldCounters(events: readonly StoredEvent[]): Record<string, CounterView> {
  const views: Record<string, CounterView> = {};
  const sorted = [...events].sort((a, b) => a.version - b.version);
  for (const e of sorted) {
    const view = views[e.streamId];
    const n = Number((e.data as { n: number }).n);
    views[e.streamId] = { count: (view?.count ?? 0) + 1, sum: (view?.sum ?? 0) + n, lastVersion: e.version };
  }
  return views;
}
