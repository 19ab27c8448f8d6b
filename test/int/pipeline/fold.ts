import type { EventRegistry } from '../../../src/domain/event-registry';
import type { StoredEvent } from '../../../src/domain/stored-event';
import type { ApplyContext } from '../../../src/projections/apply-context';
import type { AnyProjection } from '../../../src/projections/projection-binding';
import { projectionInfoOf } from '../../../src/projections/projection-decorators';
import { applyRowChanges, type Row, RowChanges } from '../../../src/projections/row-changes';

/** The read model a projection must hold: its handlers folded over each stream's events, no gate, no store. */
export async function fold(projection: AnyProjection, registry: EventRegistry, streams: StoredEvent[][]) {
  const info = projectionInfoOf(projection);
  const documents: Record<string, object> = {};
  const rows = new Map<string, Row>();
  for (const events of streams) {
    let view: object | undefined;
    for (const stored of events) {
      const handler = info.handlers.get(stored.type);
      if (!handler) continue;
      const method = (projection as unknown as Record<string, Function>)[handler.method] as Function;
      const ctx = {
        projection: info.name,
        streamId: stored.streamId,
        version: stored.version,
        stored,
      } as ApplyContext;
      const event = registry.deserialize(stored);
      if (projection.kind === 'document') {
        view = (await method.call(projection, view && structuredClone(view), event, ctx)) ?? undefined;
      } else {
        const changes = new RowChanges();
        await method.call(projection, event, changes, ctx);
        applyRowChanges(rows, changes.list());
      }
    }
    if (view && events[0]) documents[events[0].streamId] = JSON.parse(JSON.stringify(view)) as object;
  }
  return { documents, rows: Object.fromEntries(rows) };
}
