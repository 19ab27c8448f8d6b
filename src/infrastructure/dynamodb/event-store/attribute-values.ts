import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { convertToAttr, marshall } from '@aws-sdk/util-dynamodb';

/** How event data and metadata are marshalled: class instances as their own fields, undefined values left out. */
export const MARSHALL_OPTIONS = { removeUndefinedValues: true, convertClassInstanceToMap: true } as const;

/** A value `marshall` leaves out of a map or list. */
const skipped = (value: unknown): boolean => value === undefined || typeof value === 'function';

/** True for an object `marshall` takes as a plain map: its constructor (own or inherited) is `Object`. */
const isPlainMap = (value: object): boolean => (value as { constructor?: unknown }).constructor === Object;

function listOf(values: readonly unknown[]): AttributeValue {
  const list: AttributeValue[] = [];
  for (const value of values) if (!skipped(value)) list.push(attributeOf(value));
  return { L: list };
}

function fieldsOf(value: object): Record<string, AttributeValue> {
  const map: Record<string, AttributeValue> = {};
  // `for...in` and plain assignment, as `marshall` does (inherited enumerable fields included).
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    if (!skipped(field)) map[key] = attributeOf(field);
  }
  return map;
}

/**
 * One value as `convertToAttr` with `MARSHALL_OPTIONS` makes it: strings, safe numbers, booleans, null, arrays and
 * plain objects are built here directly; anything else (sets, binaries, class instances, numbers `marshall`
 * refuses) goes through `convertToAttr`, which also throws its own errors.
 */
function attributeOf(value: unknown): AttributeValue {
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'boolean':
      return { BOOL: value };
    case 'number':
      if (Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER) return { N: String(value) };
      break;
    case 'object':
      if (value === null) return { NULL: true };
      if (Array.isArray(value)) return listOf(value);
      if (isPlainMap(value)) return { M: fieldsOf(value) };
      break;
  }
  return convertToAttr(value, MARSHALL_OPTIONS);
}

/**
 * An object's fields as DynamoDB attribute values, exactly as `marshall(value, MARSHALL_OPTIONS)` gives them, in
 * one pass without `marshall`'s generic dispatch for the plain values event data is made of.
 */
export function attributeMapOf(value: object): Record<string, AttributeValue> {
  if (!isPlainMap(value)) {
    return marshall(value, MARSHALL_OPTIONS) as Record<string, AttributeValue>;
  }
  return fieldsOf(value);
}
