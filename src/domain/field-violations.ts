import type { ValidationError as ClassValidationError } from 'class-validator';
import type { FieldViolation } from './validation-error';

/** The path of a child error: `lines[0]` for an item of an array, `lines[0].sku` for a field of an object. */
function childField(prefix: string, own: string, inArray: boolean): string {
  if (own === '') return prefix;
  if (inArray) return `${prefix}[${own}]`;
  return prefix === '' ? own : `${prefix}.${own}`;
}

/**
 * Turns class-validator's tree of errors into one violation per invalid field, each with its path from `prefix`
 * (`lines[0].sku`; `(root)` for the object itself).
 */
export function fieldViolationsOf(
  errors: readonly ClassValidationError[],
  prefix = '',
  inArray = false,
): FieldViolation[] {
  return errors.flatMap((error) => {
    const own = error.property === undefined ? '' : String(error.property);
    const field = childField(prefix, own, inArray);
    const found = error.constraints
      ? [{ field: field || '(root)', reasons: Object.values(error.constraints) }]
      : [];
    return [...found, ...fieldViolationsOf(error.children ?? [], field, Array.isArray(error.value))];
  });
}
