import {
  assertClassArgument,
  assertClassOrInstance,
  assertNameArgument,
  memberOf,
} from '../domain/decorator-checks';
import { ConfigurationError } from '../domain/domain-errors';
import { type EventClass, eventTypeOf } from '../domain/event-types';

/** Options of a projection. */
export interface ProjectionOptions {
  /** The projection keeps two tables (blue/green) and can be rebuilt from a replay without downtime. */
  readonly rebuildable?: boolean;
}

/** Options of one event handler of a projection. */
export interface OnOptions {
  /**
   * `false` bars the handler from replays (like Axon's `@DisallowReplay`): it runs only for live events applied
   * to the active table. Use it for handlers that only cause side effects.
   */
  readonly replay?: boolean;
}

/** One `@On` handler: the event class, the method, and whether it runs during replays. */
export interface ProjectionHandler {
  readonly eventClass: EventClass;
  readonly type: string;
  readonly method: string;
  readonly replay: boolean;
}

/** What the decorators recorded about one projection class. */
export interface ProjectionInfo {
  readonly name: string;
  readonly rebuildable: boolean;
  /** Handlers by event type name. */
  readonly handlers: ReadonlyMap<string, ProjectionHandler>;
}

const handlersByPrototype = new WeakMap<object, ProjectionHandler[]>();
const projections = new WeakMap<Function, ProjectionInfo>();
const PROJECTION_NAME = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * Marks a method as the handler of an event class in a projection.
 * @example
 * @On(OrderPlaced) placed(view: OrderView | undefined, e: OrderPlaced) { return { ...view, status: 'placed' }; }
 * @On(OrderPlaced, { replay: false }) notify(view: OrderView | undefined, e: OrderPlaced, ctx: ApplyContext) { ... }
 */
export function On(eventClass: EventClass, options: OnOptions = {}): MethodDecorator {
  return (prototype, method) => {
    assertClassArgument(eventClass, 'On', memberOf(prototype, method), 'an event class');
    const list = handlersByPrototype.get(prototype) ?? [];
    handlersByPrototype.set(prototype, list);
    const { type } = eventTypeOf(eventClass);
    list.push({ eventClass, type, method: String(method), replay: options.replay ?? true });
  };
}

function collectHandlers(cls: Function): Map<string, ProjectionHandler> {
  const handlers = new Map<string, ProjectionHandler>();
  for (let p = cls.prototype as object | null; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const handler of handlersByPrototype.get(p) ?? []) {
      const taken = handlers.get(handler.type);
      if (taken && taken.method !== handler.method) {
        throw new ConfigurationError(
          `projection ${cls.name} handles ${handler.type} twice: ${taken.method} and ${handler.method}`,
          { projection: cls.name, type: handler.type },
        );
      }
      if (!taken) handlers.set(handler.type, handler);
    }
  }
  return handlers;
}

/**
 * Declares a projection with a stable name (lower-case, digits and dashes; it names its tables).
 * @example
 * @Projection('order-documents', { rebuildable: true })
 * class OrderDocuments extends DocumentProjection<OrderView> { ... }
 */
export function Projection(name: string, options: ProjectionOptions = {}): ClassDecorator {
  assertNameArgument(name, 'Projection', 'a projection name');
  if (!PROJECTION_NAME.test(name)) {
    throw new ConfigurationError(`projection name "${name}" must match ${PROJECTION_NAME}`, { name });
  }
  return (target) => {
    projections.set(target, {
      name,
      rebuildable: options.rebuildable ?? false,
      handlers: collectHandlers(target),
    });
  };
}

/** The info of a projection class or instance; throws when it was not declared with `@Projection`. */
export function projectionInfoOf(classOrInstance: Function | object): ProjectionInfo {
  assertClassOrInstance(classOrInstance, 'a projection declared with @Projection');
  const ctor = typeof classOrInstance === 'function' ? classOrInstance : classOrInstance.constructor;
  const info = projections.get(ctor);
  if (!info) {
    throw new ConfigurationError(`${ctor.name} is not declared with @Projection`, { className: ctor.name });
  }
  return info;
}
