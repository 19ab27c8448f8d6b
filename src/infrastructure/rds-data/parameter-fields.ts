import type { Field, TypeHint } from '@aws-sdk/client-rds-data';
import { EventfoldError } from '../../domain/errors';

/** A statement value as the Data API takes it: a typed field, and a type hint where the field alone says too little. */
export interface TypedField {
  readonly value: Field;
  readonly typeHint?: TypeHint;
}

/**
 * `YYYY-MM-DD HH:MM:SS.FFF`, the one timestamp form the Data API's TIMESTAMP hint accepts, in UTC. Years the form
 * cannot hold (before 1 or after 9999) and invalid dates are refused.
 */
function timestampOf(date: Date, parameter: number): string {
  const iso = Number.isNaN(date.getTime()) ? '' : date.toISOString();
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2}\.\d{3})Z$/.exec(iso);
  if (!match || match[1]!.startsWith('0000')) {
    throw new EventfoldError(
      'VALIDATION_FAILED',
      `SQL parameter $${parameter}: a date must be valid and fall in the years 1 to 9999 to reach the RDS Data API`,
      { field: `$${parameter}`, value: iso || 'Invalid Date' },
    );
  }
  return `${match[1]} ${match[2]}`;
}

/** JSON text of an object or array, refused (400) when it has none (a bigint, a cycle). */
function jsonOf(value: object, parameter: number): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    throw new EventfoldError(
      'VALIDATION_FAILED',
      `SQL parameter $${parameter} cannot be written as JSON: ${(error as Error).message}`,
      { field: `$${parameter}` },
      { cause: error },
    );
  }
}

/** One element of an array literal: quoted text with `"` and `\\` escaped, NULL, or a nested array. */
function elementOf(value: unknown, parameter: number): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return arrayLiteral(value, parameter);
  if (value instanceof Uint8Array) return `"\\\\x${Buffer.from(value).toString('hex')}"`;
  const field = fieldOf(value, parameter);
  const text =
    field.value.stringValue ??
    String(field.value.booleanValue ?? field.value.longValue ?? field.value.doubleValue);
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * A JavaScript array as PostgreSQL array text (`{"a","b",NULL}`), as `pg` and PGlite send arrays: the Data API takes
 * no array parameter, so the statement casts it (`$1::text[]`).
 */
function arrayLiteral(values: readonly unknown[], parameter: number): string {
  return `{${values.map((value) => elementOf(value, parameter)).join(',')}}`;
}

/**
 * A number as a field: a safe integer as a long, any other finite number as a double. NaN and the infinities,
 * which JSON (the Data API's wire form) cannot carry, go as DECIMAL text: PostgreSQL's numeric holds them and
 * casts them to float8 on assignment.
 */
function numberField(value: number): TypedField {
  if (Number.isSafeInteger(value)) return { value: { longValue: value } };
  if (Number.isFinite(value)) return { value: { doubleValue: value } };
  return { value: { stringValue: String(value) }, typeHint: 'DECIMAL' };
}

/**
 * The typed field of the `$parameter` value of a statement:
 * - `null`/`undefined` → NULL; booleans, strings and byte arrays as themselves;
 * - numbers as longs (safe integers) or doubles; bigints as exact DECIMAL text (any size);
 * - dates as UTC TIMESTAMP text; plain objects as JSON text;
 * - arrays as PostgreSQL array text, as `pg` sends them (the Data API takes no array parameter: cast it, `$1::int[]`).
 * Anything else (a symbol, a function) is a 400 naming the parameter.
 */
export function fieldOf(value: unknown, parameter: number): TypedField {
  if (value === null || value === undefined) return { value: { isNull: true } };
  switch (typeof value) {
    case 'boolean':
      return { value: { booleanValue: value } };
    case 'string':
      return { value: { stringValue: value } };
    case 'number':
      return numberField(value);
    case 'bigint':
      return { value: { stringValue: value.toString() }, typeHint: 'DECIMAL' };
    case 'object':
      if (value instanceof Date)
        return { value: { stringValue: timestampOf(value, parameter) }, typeHint: 'TIMESTAMP' };
      if (value instanceof Uint8Array) return { value: { blobValue: value } };
      if (Array.isArray(value)) return { value: { stringValue: arrayLiteral(value, parameter) } };
      return { value: { stringValue: jsonOf(value, parameter) }, typeHint: 'JSON' };
    default:
      throw new EventfoldError(
        'VALIDATION_FAILED',
        `SQL parameter $${parameter} is a ${typeof value}, which no SQL type holds`,
        { field: `$${parameter}`, type: typeof value },
      );
  }
}
