import type { ColumnMetadata, ExecuteStatementCommandOutput, Field } from '@aws-sdk/client-rds-data';
import type { SqlResult } from '../../projections/sql/sql-client';

/**
 * Rows of a Data API result, decoded as PGlite decodes them so that a read model reads the same on AWS as locally:
 * integers as numbers (an int8 beyond 2^53 as a bigint, exact: the adapter asks for longs as text), json and
 * jsonb parsed, timestamps and dates as `Date`s (UTC where the text has no offset), numeric as exact text, bytea
 * as bytes, arrays as arrays.
 */

const INTEGER_TYPES = new Set(['int2', 'int4', 'int8', 'serial', 'serial4', 'bigserial', 'serial8', 'oid']);
const JSON_TYPES = new Set(['json', 'jsonb']);
const TIMESTAMP_TYPES = new Set(['timestamp', 'timestamptz', 'date']);

/** An integer's text as a number, or as a bigint beyond the safe range. */
function integerOf(text: string): number | bigint {
  const value = BigInt(text);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;
}

/** `2026-12-05 18:18:30.123456`, `2026-12-05 18:18:30+01`, `2026-12-05`: a Date, UTC unless an offset says. */
export function dateOf(text: string): Date {
  const match = /^(\d{4,}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}:\d{2})(\.\d+)?([+-]\d{2}(?::?\d{2})?|Z)?)?$/.exec(
    text.trim(),
  );
  if (!match) return new Date(text);
  const [, day, time = '00:00:00', fraction = '', offset = 'Z'] = match;
  const zone = offset === 'Z' || offset.length > 3 ? offset : `${offset}:00`;
  return new Date(`${day}T${time}${fraction.slice(0, 4)}${zone}`);
}

function fromText(text: string, typeName: string): unknown {
  if (INTEGER_TYPES.has(typeName)) return integerOf(text);
  if (JSON_TYPES.has(typeName)) return JSON.parse(text);
  if (TIMESTAMP_TYPES.has(typeName)) return dateOf(text);
  return text;
}

/** An array field's values (arrays of arrays for multi-dimensional ones). */
function arrayOf(array: NonNullable<Field['arrayValue']>, elementType: string): unknown[] {
  if (array.arrayValues)
    return array.arrayValues.map((inner) => (inner === null ? null : arrayOf(inner, elementType)));
  if (array.stringValues)
    return array.stringValues.map((s) => (s === null ? null : fromText(s, elementType)));
  return array.longValues ?? array.doubleValues ?? array.booleanValues ?? [];
}

/** One field of a column of type `typeName` (PostgreSQL's name: `int8`, `jsonb`, `_text` for text[]). */
export function valueOf(field: Field, typeName: string): unknown {
  if (field.isNull) return null;
  if (field.stringValue !== undefined) return fromText(field.stringValue, typeName);
  if (field.arrayValue !== undefined) return arrayOf(field.arrayValue, typeName.replace(/^_/, ''));
  return field.booleanValue ?? field.longValue ?? field.doubleValue ?? field.blobValue ?? null;
}

/**
 * The rows and row count of an ExecuteStatement response (asked with `includeResultMetadata`). The count is the
 * number of rows changed, or of rows returned when that is more (a SELECT changes none).
 */
export function resultOf<Row>(
  output: Pick<ExecuteStatementCommandOutput, 'records' | 'columnMetadata' | 'numberOfRecordsUpdated'>,
): SqlResult<Row> {
  const columns: ColumnMetadata[] = output.columnMetadata ?? [];
  const rows = (output.records ?? []).map((record) => {
    const row: Record<string, unknown> = {};
    record.forEach((field, i) => {
      const column = columns[i];
      row[column?.label ?? column?.name ?? `column${i + 1}`] = valueOf(field, column?.typeName ?? '');
    });
    return row as Row;
  });
  return { rows, rowCount: Math.max(output.numberOfRecordsUpdated ?? 0, rows.length) };
}
