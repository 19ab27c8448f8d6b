import { validateSync } from 'class-validator';
import type { AggregateClass, CommandClass } from './aggregate-metadata';
import { assertClassArgument, assertClassOrInstance, assertNameArgument, memberOf } from './decorator-checks';
import { ConfigurationError } from './domain-errors';
import { collectShapeViolations } from './nested-shape';
import { fieldViolationsOf } from './field-violations';
import { toInstanceOf } from './flat-transform';
import { ValidationError } from './validation-error';

/** What `@Command`, `@AggregateId` and `@Loads` recorded about a command class. */
export interface CommandInfo {
  readonly name: string;
  readonly aggregateIdField: string;
  /** Other aggregates the handler needs, by the field that holds their id. */
  readonly loads: ReadonlyArray<{ readonly field: string; readonly aggregate: () => AggregateClass }>;
}

const names = new WeakMap<Function, string>();
const idFields = new WeakMap<object, string>();
const loadsByPrototype = new WeakMap<object, Array<{ field: string; aggregate: () => AggregateClass }>>();

/**
 * Declares a command class with a stable name (used to run it by name over HTTP).
 * Fields are validated with class-validator decorators before the handler runs.
 * @example
 * @Command('CreateOrder')
 * class CreateOrder { @AggregateId() @IsString() orderId!: string }
 */
export function Command(name: string): ClassDecorator {
  assertNameArgument(name, 'Command', 'a command name');
  return (target) => {
    names.set(target, name);
  };
}

/** Marks the field that holds the id of the aggregate the command targets. */
export function AggregateId(): PropertyDecorator {
  return (prototype, field) => {
    idFields.set(prototype, String(field));
  };
}

/** True for a `class` (which throws when called), as opposed to the arrow function `@Loads` takes. */
function isClass(value: Function): boolean {
  return /^class[\s{]/.test(Function.prototype.toString.call(value));
}

/**
 * Marks a field that holds the id of another aggregate the handler needs; the dispatcher loads it,
 * and the events of every aggregate touched are committed atomically.
 */
export function Loads(aggregate: () => AggregateClass): PropertyDecorator {
  return (prototype, field) => {
    const where = memberOf(prototype, field);
    assertClassArgument(aggregate, 'Loads', where, 'a function returning the aggregate class');
    if (isClass(aggregate)) {
      throw new ConfigurationError(
        `@Loads on ${where} was given the class ${aggregate.name}: pass a function returning it, @Loads(() => ${aggregate.name})`,
        { decorator: 'Loads', where },
      );
    }
    const list = loadsByPrototype.get(prototype) ?? [];
    list.push({ field: String(field), aggregate });
    loadsByPrototype.set(prototype, list);
  };
}

/** The recorded info of a command class; throws when it lacks `@Command` or `@AggregateId`. */
export function commandInfoOf(commandClass: CommandClass): CommandInfo {
  assertClassOrInstance(commandClass, 'a command class declared with @Command');
  const name = names.get(commandClass);
  if (!name) throw new ConfigurationError(`${commandClass.name} is not declared with @Command`);
  let aggregateIdField: string | undefined;
  for (let p = commandClass.prototype; p && !aggregateIdField; p = Object.getPrototypeOf(p)) {
    aggregateIdField = idFields.get(p);
  }
  if (!aggregateIdField) throw new ConfigurationError(`command ${name} has no @AggregateId field`);
  return { name, aggregateIdField, loads: loadsByPrototype.get(commandClass.prototype) ?? [] };
}

/** Builds the instance; input nested beyond what class-transformer can recurse into is invalid, not a crash. */
function toInstance<C extends object>(commandClass: CommandClass<C>, input: object, name: string): C {
  try {
    return toInstanceOf(commandClass, input);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new ValidationError(`command ${name}`, [{ field: '(root)', reasons: ['nests too deep to read'] }]);
  }
}

/**
 * Turns input into a validated command instance, or throws a `ValidationError` listing every invalid field (its
 * path, `lines[1].sku`). Unknown fields are refused too, and so is a nested field of the wrong shape (an array or
 * a string where an object of a nested class is declared), whatever the class's own decorators say. Returns a new
 * instance; nested objects become the classes their `@Type` names.
 */
export function validateCommand<C extends object>(commandClass: CommandClass<C>, input: unknown): C {
  const name = names.get(commandClass) ?? commandClass.name;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ValidationError(`command ${name}`, [{ field: '(root)', reasons: ['must be a JSON object'] }]);
  }
  // Also for a built instance: nested plain objects become the classes their `@Type` names.
  const command = toInstance(commandClass, input, name);
  const misshapen = collectShapeViolations(command);
  if (misshapen.length > 0) throw new ValidationError(`command ${name}`, misshapen);
  const errors = validateSync(command, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  if (errors.length > 0) throw new ValidationError(`command ${name}`, fieldViolationsOf(errors));
  return command;
}
