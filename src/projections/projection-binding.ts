import { ConfigurationError } from '../domain/domain-errors';
import type { EventRegistry } from '../domain/event-registry';
import type { ApplyContext } from './apply-context';
import type { DocumentProjection, DocumentView } from './document-projection';
import { type ProjectionInfo, projectionInfoOf } from './projection-decorators';
import type { ReadModelChange, StreamState } from './read-model-store';
import { RowChanges } from './row-changes';
import type { RowProjection } from './row-projection';
import { type SqlProjection, SqlWriter } from './sql/sql-projection';

/** Any projection instance. */
export type AnyProjection = DocumentProjection<any> | RowProjection<any> | SqlProjection;

/**
 * A projection as an app lists it: an instance, or its class, which the app's container builds with the
 * dependencies its constructor declares (once per container).
 */
export type ProjectionEntry = AnyProjection | (new (...args: any[]) => AnyProjection);

/** A projection instance with its decorator info, checked against the event registry. */
export interface ProjectionBinding {
  readonly instance: AnyProjection;
  readonly info: ProjectionInfo;
}

/** Binds projection instances; throws at startup on duplicate names or handlers of unregistered event types. */
export function bindProjectionInstances(
  instances: readonly AnyProjection[],
  registry: EventRegistry,
): Map<string, ProjectionBinding> {
  const bindings = new Map<string, ProjectionBinding>();
  for (const instance of instances) {
    const info = projectionInfoOf(instance);
    if (bindings.has(info.name)) {
      throw new ConfigurationError(`two projections are named ${info.name}`, { projection: info.name });
    }
    for (const type of info.handlers.keys()) {
      if (!registry.has(type)) {
        throw new ConfigurationError(
          `projection ${info.name} handles ${type}, which the domain does not register`,
          {
            projection: info.name,
            type,
          },
        );
      }
    }
    bindings.set(info.name, { instance, info });
  }
  return bindings;
}

/** A plain JSON copy: handlers get and return plain data, as the store keeps it. */
function plain<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** True when the projection runs a handler for this event type in this mode. */
export function hasEffect(binding: ProjectionBinding, type: string, mode: ApplyContext['mode']): boolean {
  const handler = binding.info.handlers.get(type);
  return handler !== undefined && (handler.replay || mode === 'live');
}

/**
 * Runs the projection's handler for one stored event and returns the read-model change; 'none' when the
 * projection has no handler for the type, or the handler is barred from replays and this is one.
 */
export async function computeChange(
  binding: ProjectionBinding,
  registry: EventRegistry,
  state: StreamState,
  ctx: ApplyContext,
): Promise<ReadModelChange> {
  const handler = binding.info.handlers.get(ctx.stored.type);
  if (!handler || !hasEffect(binding, ctx.stored.type, ctx.mode)) return { kind: 'none' };
  const event = registry.deserialize(ctx.stored);
  const method = (binding.instance as unknown as Record<string, Function>)[handler.method] as Function;
  if (binding.instance.kind === 'document') {
    const view = (await method.call(
      binding.instance,
      plain(state.document),
      event,
      ctx,
    )) as DocumentView | null;
    return { kind: 'document', document: view == null ? undefined : plain(view) };
  }
  if (binding.instance.kind === 'sql') {
    const writer = new SqlWriter();
    await method.call(binding.instance, event, writer, ctx);
    return { kind: 'sql', statements: writer.list() };
  }
  const rows = new RowChanges();
  await method.call(binding.instance, event, rows, ctx);
  return { kind: 'rows', rows: rows.list() };
}
