import type { CommandClass } from '../../domain/aggregate-metadata';
import { commandInfoOf } from '../../domain/commands';
import {
  assertClassArgument,
  assertClassOrInstance,
  assertNameArgument,
  memberOf,
} from '../../domain/decorator-checks';
import { ConfigurationError } from '../../domain/domain-errors';
import { type EventClass, eventTypeOf } from '../../domain/event-types';

/** Takes the process instance's correlation key out of an event. */
export type CorrelationKey<E extends object = any> = (event: E) => string;

/** One `@StartedBy` / `@OnEvent` handler: the event type, the method, how to find the instance, and whether it starts one. */
export interface ProcessEventHandler {
  readonly eventClass: EventClass;
  readonly type: string;
  readonly method: string;
  readonly key: CorrelationKey;
  readonly starts: boolean;
}

/** What the decorators recorded about one process manager class. */
export interface ProcessInfo {
  readonly name: string;
  /** Event handlers by event type name. */
  readonly events: ReadonlyMap<string, ProcessEventHandler>;
  /** Timer handlers (methods) by timer name. */
  readonly timers: ReadonlyMap<string, string>;
  /** Rejection handlers (methods) by command name. */
  readonly outcomes: ReadonlyMap<string, string>;
}

interface Declared {
  events: ProcessEventHandler[];
  timers: Array<{ name: string; method: string }>;
  outcomes: Array<{ command: string; method: string }>;
}

const declared = new WeakMap<object, Declared>();
const processes = new WeakMap<Function, ProcessInfo>();
const PROCESS_NAME = /^[a-z][a-z0-9-]{0,62}$/;
const TIMER_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

function declaredOn(prototype: object): Declared {
  const found = declared.get(prototype) ?? { events: [], timers: [], outcomes: [] };
  declared.set(prototype, found);
  return found;
}

function eventHandler(starts: boolean, decorator: string) {
  return (eventClass: EventClass, key: CorrelationKey): MethodDecorator =>
    (prototype, method) => {
      const where = memberOf(prototype, method);
      assertClassArgument(eventClass, decorator, where, 'an event class');
      if (typeof key !== 'function') {
        throw new ConfigurationError(
          `@${decorator} on ${where} needs a function that returns the process key`,
          {
            decorator,
            where,
          },
        );
      }
      const { type } = eventTypeOf(eventClass);
      declaredOn(prototype).events.push({ eventClass, type, method: String(method), key, starts });
    };
}

/**
 * Marks a method as the handler of an event that starts a process instance (the key names the instance). A
 * started instance receives it like any `@OnEvent`.
 * @example
 * @StartedBy(SeatsReserved, (e) => e.reservationId)
 * reserved(state: Hold, e: SeatsReserved, ctx: ProcessContext): Hold { ctx.schedule('expire', { after: '15m' }); return { seats: e.seats }; }
 */
export const StartedBy: (eventClass: EventClass, key: CorrelationKey) => MethodDecorator = eventHandler(
  true,
  'StartedBy',
);

/**
 * Marks a method as the handler of an event for a running process instance; an event for an instance that was
 * never started (or has completed) is ignored.
 * @example
 * @OnEvent(ReservationPaid, (e) => e.reservationId)
 * paid(state: Hold, e: ReservationPaid, ctx: ProcessContext) { ctx.cancel('expire'); ctx.complete(); }
 */
export const OnEvent: (eventClass: EventClass, key: CorrelationKey) => MethodDecorator = eventHandler(
  false,
  'OnEvent',
);

/**
 * Marks a method as the handler of a timer the process scheduled (`ctx.schedule(name, ...)`).
 * @example
 * @OnTimer('expire') expire(state: Hold, timer: FiredTimer, ctx: ProcessContext) { ctx.dispatch(new ReleaseSeats(...)); }
 */
export function OnTimer(name: string): MethodDecorator {
  assertNameArgument(name, 'OnTimer', 'a timer name');
  if (!TIMER_NAME.test(name)) {
    throw new ConfigurationError(`timer name "${name}" must match ${TIMER_NAME}`, { name });
  }
  return (prototype, method) => {
    declaredOn(prototype).timers.push({ name, method: String(method) });
  };
}

/**
 * Marks a method as the handler of a command of this class that the process dispatched and that was refused (a
 * rule violation, a missing aggregate, invalid input): it receives a `CommandRejected` outcome.
 * @example
 * @OnOutcome(ReleaseSeats) notReleased(state: Hold, outcome: CommandRejected<ReleaseSeats>) { ... }
 */
export function OnOutcome(commandClass: CommandClass): MethodDecorator {
  return (prototype, method) => {
    assertClassArgument(commandClass, 'OnOutcome', memberOf(prototype, method), 'a command class');
    declaredOn(prototype).outcomes.push({
      command: commandInfoOf(commandClass).name,
      method: String(method),
    });
  };
}

function collect(cls: Function): Declared {
  const all: Declared = { events: [], timers: [], outcomes: [] };
  for (let p = cls.prototype as object | null; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    const found = declared.get(p);
    if (!found) continue;
    all.events.push(...found.events);
    all.timers.push(...found.timers);
    all.outcomes.push(...found.outcomes);
  }
  return all;
}

function indexOnce<T>(process: string, what: string, entries: Array<[string, T]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [key, value] of entries) {
    if (map.has(key)) {
      throw new ConfigurationError(`process ${process} handles ${what} ${key} twice`, {
        process,
        [what]: key,
      });
    }
    map.set(key, value);
  }
  return map;
}

/**
 * Declares a process manager with a stable name (lower-case, digits and dashes): it names the process streams
 * (`Process.<name>#<key>`) and the timers. Handling one event type, timer or command outcome twice is refused here.
 * @example
 * @ProcessManager('reservation-expiry')
 * class ReservationExpiry extends Process<Hold> { initialState(): Hold { return { seats: [] }; } ... }
 */
export function ProcessManager(name: string): ClassDecorator {
  assertNameArgument(name, 'ProcessManager', 'a process manager name');
  if (!PROCESS_NAME.test(name)) {
    throw new ConfigurationError(`process manager name "${name}" must match ${PROCESS_NAME}`, { name });
  }
  return (target) => {
    const all = collect(target);
    processes.set(target, {
      name,
      events: indexOnce(
        name,
        'event',
        all.events.map((h) => [h.type, h]),
      ),
      timers: indexOnce(
        name,
        'timer',
        all.timers.map((t) => [t.name, t.method]),
      ),
      outcomes: indexOnce(
        name,
        'command',
        all.outcomes.map((o) => [o.command, o.method]),
      ),
    });
  };
}

/** The info of a process manager class or instance; throws when it was not declared with `@ProcessManager`. */
export function processInfoOf(classOrInstance: Function | object): ProcessInfo {
  assertClassOrInstance(classOrInstance, 'a process manager declared with @ProcessManager');
  const ctor = typeof classOrInstance === 'function' ? classOrInstance : classOrInstance.constructor;
  const info = processes.get(ctor);
  if (!info) {
    throw new ConfigurationError(`${ctor.name} is not declared with @ProcessManager`, {
      className: ctor.name,
    });
  }
  return info;
}
