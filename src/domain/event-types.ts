import { assertClassOrInstance, assertNameArgument } from './decorator-checks';
import { ConfigurationError } from './domain-errors';

/** A class declared with `@DomainEvent`. */
export type EventClass<E extends object = object> = new (...args: any[]) => E;

/** The stable identity of an event class: a type name and a schema version. */
export interface EventTypeInfo {
  readonly type: string;
  readonly schemaVersion: number;
}

const eventTypes = new WeakMap<Function, EventTypeInfo>();

const TYPE_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;

/**
 * Declares a class as a domain event with a stable type name and schema version.
 * Routing uses the type name, never `constructor.name`, which bundlers rename.
 * @example
 * @DomainEvent('OrderCreated', 1)
 * class OrderCreated { @Expose() orderId!: string }
 */
export function DomainEvent(type: string, schemaVersion = 1): ClassDecorator {
  assertNameArgument(type, 'DomainEvent', 'an event type name');
  if (!TYPE_NAME.test(type)) {
    throw new ConfigurationError(`event type "${type}" must match ${TYPE_NAME}`, { type });
  }
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
    throw new ConfigurationError(`schema version of ${type} must be a whole number from 1`, { type });
  }
  return (target) => {
    eventTypes.set(target, { type, schemaVersion });
  };
}

/** The type info of an event class or instance; throws when it was not declared with `@DomainEvent`. */
export function eventTypeOf(classOrInstance: Function | object): EventTypeInfo {
  assertClassOrInstance(classOrInstance, 'an event class declared with @DomainEvent');
  const ctor = typeof classOrInstance === 'function' ? classOrInstance : classOrInstance.constructor;
  const info = eventTypes.get(ctor);
  if (!info) {
    throw new ConfigurationError(`${ctor.name} is not declared with @DomainEvent`, { className: ctor.name });
  }
  return info;
}
