import { validateCommand } from '../../domain/commands';
import { ValidationError } from '../../domain/validation-error';
import { RESERVED_QUERY_FIELDS } from './sql-query';

type Reflector = { getMetadata?: (key: string, target: object, property: string) => unknown };

/** The declared type of a field (TypeScript's emitted metadata), when the runtime records it. */
function designTypeOf(prototype: object, field: string): unknown {
  const reflector = Reflect as unknown as Reflector;
  return typeof reflector.getMetadata === 'function'
    ? reflector.getMetadata('design:type', prototype, field)
    : undefined;
}

const NUMERIC = /^-?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i;

/** Query-string text turned into the number or boolean a field declares; anything else stays as given. */
function converted(prototype: object, field: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const type = designTypeOf(prototype, field);
  if (type === Number && NUMERIC.test(value)) return Number(value);
  if (type === Boolean && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/**
 * Validates a named query's parameters like a command's input (class-validator, unknown fields refused), after
 * converting query-string text of numeric and boolean fields. Invalid parameters are a 400 naming each field.
 */
export function validateQueryParams<P extends object>(
  query: string,
  paramsClass: (new () => P) | undefined,
  input: Record<string, unknown>,
): P {
  const subject = `query ${query}`;
  const fields = Object.keys(input);
  if (!paramsClass) {
    if (fields.length === 0) return {} as P;
    throw new ValidationError(
      subject,
      fields.map((field) => ({ field, reasons: ['this query takes no parameters'] })),
    );
  }
  const reserved = RESERVED_QUERY_FIELDS.filter((f) => Object.prototype.hasOwnProperty.call(input, f));
  if (reserved.length > 0)
    throw new ValidationError(
      subject,
      reserved.map((field) => ({ field, reasons: ['is a paging field, not a parameter'] })),
    );
  const plain: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const field of fields) plain[field] = converted(paramsClass.prototype as object, field, input[field]);
  try {
    return validateCommand(paramsClass, { ...plain });
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(subject, error.violations);
    throw error;
  }
}
