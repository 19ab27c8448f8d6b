import { ConfigurationError } from './domain-errors';

/** How a value a user passed reads in an error: `undefined`, `null`, `the string "x"`, `a number`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** The likely cause of a missing class: `undefined` where a class belongs is what a circular import leaves. */
export function likelyCause(value: unknown, expected: string): string {
  if (value === undefined) {
    return (
      `the ${expected} is most likely not initialised yet: two modules import each other (a circular import), ` +
      `so this one runs before the other has defined its export. Move the ${expected} into a module that does ` +
      `not import this one`
    );
  }
  return `pass the ${expected} itself`;
}

/** Where a decorator sits: the class name and, for a method or field decorator, the member. */
export function memberOf(target: object | Function, member?: string | symbol): string {
  const owner = typeof target === 'function' ? target : target.constructor;
  const name = owner?.name || '(anonymous class)';
  return member === undefined ? name : `${name}.${String(member)}`;
}

/**
 * Throws a `ConfigurationError` when a decorator was given something other than a class: it names the decorator,
 * the class and member it sits on, what it got, and the likely cause.
 */
export function assertClassArgument(
  value: unknown,
  decorator: string,
  where: string,
  expected: string,
): asserts value is Function {
  if (typeof value === 'function') return;
  throw new ConfigurationError(
    `@${decorator} on ${where} was given ${describeValue(value)} instead of ${expected}: ${likelyCause(value, expected)}`,
    { decorator, where, given: describeValue(value) },
  );
}

/** Throws a `ConfigurationError` when a decorator's name argument is not a string (the pattern checks follow). */
export function assertNameArgument(value: unknown, decorator: string, what: string): asserts value is string {
  if (typeof value === 'string') return;
  throw new ConfigurationError(
    `@${decorator} was given ${describeValue(value)} instead of ${what} (a string)`,
    {
      decorator,
      given: describeValue(value),
    },
  );
}

/**
 * Throws a `ConfigurationError` when a registry function (`eventTypeOf`, `aggregateInfoOf`, ...) is asked about a
 * value that is no class or instance, as a domain or app listing a class from a circular import would.
 */
export function assertClassOrInstance(value: unknown, expected: string): asserts value is Function | object {
  if ((typeof value === 'object' && value !== null) || typeof value === 'function') return;
  throw new ConfigurationError(
    `expected ${expected}, got ${describeValue(value)}: ${likelyCause(value, 'class')}`,
    { expected, given: describeValue(value) },
  );
}
