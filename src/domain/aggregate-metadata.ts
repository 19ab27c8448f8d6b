import { assertClassArgument, assertClassOrInstance, assertNameArgument, memberOf } from './decorator-checks';
import { ConfigurationError } from './domain-errors';
import { type EventClass, eventTypeOf } from './event-types';

/** A class declared with `@AggregateRoot`. */
export type AggregateClass<A extends object = object> = new (id: string) => A;

/** A command class declared with `@Command`. */
export type CommandClass<C extends object = object> = new (...args: any[]) => C;

/** Options of an aggregate type. */
export interface AggregateOptions {
  /** Take a snapshot every N events (none when absent). */
  readonly snapshotEvery?: number;
  /** Bump to invalidate stored snapshots when the state changes meaning but not shape. */
  readonly snapshotVersion?: number;
}

/** How a command handler treats a missing aggregate. */
export interface CommandHandlerOptions {
  /** The handler creates the aggregate: it is refused when the aggregate exists, the others when it does not. */
  readonly creates?: boolean;
}

interface HandlerEntry {
  readonly commandClass: CommandClass;
  readonly method: string;
  readonly creates: boolean;
}

interface ApplierEntry {
  readonly eventClass: EventClass;
  readonly method: string;
}

/** What the decorators recorded about one aggregate class. */
export interface AggregateInfo {
  readonly type: string;
  readonly options: AggregateOptions;
  readonly handlers: ReadonlyMap<CommandClass, HandlerEntry>;
  /** Appliers by event type name. */
  readonly appliers: ReadonlyMap<string, ApplierEntry>;
}

const handlersByPrototype = new WeakMap<object, HandlerEntry[]>();
const appliersByPrototype = new WeakMap<object, ApplierEntry[]>();
const aggregates = new WeakMap<Function, AggregateInfo>();

const AGGREGATE_TYPE = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

function listOn<T>(map: WeakMap<object, T[]>, prototype: object): T[] {
  const list = map.get(prototype) ?? [];
  map.set(prototype, list);
  return list;
}

/** Collects entries declared on a prototype and its ancestors, nearest first. */
function collect<T>(map: WeakMap<object, T[]>, prototype: object | null): T[] {
  const found: T[] = [];
  for (let p = prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    found.push(...(map.get(p) ?? []));
  }
  return found;
}

/**
 * Marks a method as the handler of a command class. It decides and records events with `this.apply`;
 * it must not change state itself.
 * @example
 * @CommandHandler(CreateOrder, { creates: true })
 * create(cmd: CreateOrder) { this.apply(new OrderCreated(cmd.orderId, cmd.lines)); }
 */
export function CommandHandler(
  commandClass: CommandClass,
  options: CommandHandlerOptions = {},
): MethodDecorator {
  return (prototype, method) => {
    assertClassArgument(commandClass, 'CommandHandler', memberOf(prototype, method), 'a command class');
    listOn(handlersByPrototype, prototype).push({
      commandClass,
      method: String(method),
      creates: options.creates ?? false,
    });
  };
}

/**
 * Marks a method as the applier of an event class: a pure state change, used live and when loading.
 * @example
 * @Apply(OrderCreated)
 * onCreated(e: OrderCreated) { this.status = 'open'; }
 */
export function Apply(eventClass: EventClass): MethodDecorator {
  return (prototype, method) => {
    assertClassArgument(eventClass, 'Apply', memberOf(prototype, method), 'an event class');
    listOn(appliersByPrototype, prototype).push({ eventClass, method: String(method) });
  };
}

function indexHandlers(type: string, entries: HandlerEntry[]): Map<CommandClass, HandlerEntry> {
  const handlers = new Map<CommandClass, HandlerEntry>();
  for (const entry of entries) {
    if (handlers.has(entry.commandClass)) {
      throw new ConfigurationError(`${type} handles command ${entry.commandClass.name} twice`, { type });
    }
    handlers.set(entry.commandClass, entry);
  }
  return handlers;
}

function indexAppliers(type: string, entries: ApplierEntry[]): Map<string, ApplierEntry> {
  const appliers = new Map<string, ApplierEntry>();
  for (const entry of entries) {
    const eventType = eventTypeOf(entry.eventClass).type;
    if (appliers.has(eventType)) {
      throw new ConfigurationError(`${type} applies event ${eventType} twice`, { type, eventType });
    }
    appliers.set(eventType, entry);
  }
  return appliers;
}

/**
 * Declares an aggregate class with its stable type name, used in stream ids (`Order#42`).
 * @example
 * @AggregateRoot('Order', { snapshotEvery: 100 })
 * class Order extends Aggregate { ... }
 */
export function AggregateRoot(type: string, options: AggregateOptions = {}): ClassDecorator {
  assertNameArgument(type, 'AggregateRoot', 'an aggregate type name');
  if (!AGGREGATE_TYPE.test(type)) {
    throw new ConfigurationError(`aggregate type "${type}" must match ${AGGREGATE_TYPE}`, { type });
  }
  if (
    options.snapshotEvery !== undefined &&
    !(Number.isInteger(options.snapshotEvery) && options.snapshotEvery > 0)
  ) {
    throw new ConfigurationError(`snapshotEvery of ${type} must be a positive whole number`, { type });
  }
  return (target) => {
    aggregates.set(target, {
      type,
      options,
      handlers: indexHandlers(type, collect(handlersByPrototype, target.prototype)),
      appliers: indexAppliers(type, collect(appliersByPrototype, target.prototype)),
    });
  };
}

/** What `@AggregateRoot` and the method decorators recorded; throws for an undeclared class. */
export function aggregateInfoOf(classOrInstance: Function | object): AggregateInfo {
  assertClassOrInstance(classOrInstance, 'an aggregate class declared with @AggregateRoot');
  const ctor = typeof classOrInstance === 'function' ? classOrInstance : classOrInstance.constructor;
  const info = aggregates.get(ctor);
  if (!info) {
    throw new ConfigurationError(`${ctor.name} is not declared with @AggregateRoot`, {
      className: ctor.name,
    });
  }
  return info;
}
