import fc from 'fast-check';

/**
 * Classes of hostile input for the API fuzz test: each builds a value (or a key) that an attacker puts somewhere
 * in a body. A numeric edge that JSON.stringify cannot write (1e400, -0, 30 digits) travels as a marker string
 * that `toJsonText` swaps for the raw token.
 */
export interface Payload {
  readonly kind: string;
  /** Put under this key in an object (reserved and huge keys); otherwise the value replaces or joins a slot. */
  readonly key?: string;
  readonly value: unknown;
  /** Only replace a slot that holds an object (nested arrays in place of objects). */
  readonly replacesObject?: boolean;
  /** True when the payload may form a valid request (a number in range, nesting DynamoDB can hold). */
  readonly mayPass?: boolean;
}

/** DynamoDB's nesting limit for one attribute: a payload this deep or less may be stored, a deeper one never. */
const STORABLE_DEPTH = 31;

/** JSON text written as is into a body: number tokens JSON.stringify cannot write, nesting too deep for it. */
export class RawJson {
  constructor(readonly text: string) {}
}

const raw = (text: string) => new RawJson(text);

/** Turns a body into JSON text, writing its `RawJson` parts as they are. */
export function toJsonText(body: unknown): string {
  const texts: string[] = [];
  const json = JSON.stringify(body, (_key, value: unknown) =>
    value instanceof RawJson ? `\u0000raw:${texts.push(value.text) - 1}` : value,
  );
  return json.replace(/"\\u0000raw:(\d+)"/g, (_match, index: string) => texts[Number(index)]!);
}

/** The JSON text of `depth` levels of objects, arrays or both (by `pattern`), around a leaf. */
export function nestedText(depth: number, pattern: 'objects' | 'arrays' | 'mixed', leaf = '1'): RawJson {
  const levels = Array.from(
    { length: depth },
    (_, level) => pattern === 'objects' || (pattern === 'mixed' && level % 3 !== 0),
  );
  const open = levels.map((isObject) => (isObject ? '{"n":' : '[')).join('');
  const close = levels
    .map((isObject) => (isObject ? '}' : ']'))
    .reverse()
    .join('');
  return raw(`${open}${leaf}${close}`);
}

/** Numbers and number-like strings at the edges: what a careless parser turns into something else. */
export const NUMERIC_EDGES: readonly unknown[] = [
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER,
  2 ** 63,
  1e308,
  -1e308,
  5e-324,
  1e-131,
  1.5,
  0.1 + 0.2,
  -1,
  0,
  raw('-0'),
  raw('1e400'),
  raw('-1e400'),
  raw('1E+308'),
  raw('123456789012345678901234567890'),
  raw('0.0000000000000000000000000000001e-200'),
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e3',
  '0x10',
  ' 1',
  '',
  '9007199254740993',
];

/** Query-string values for whole-number parameters: number-like text a lax `Number()` would take. */
export const QUERY_EDGES: readonly string[] = [
  String(Number.MAX_SAFE_INTEGER),
  '9007199254740992',
  '9007199254740993',
  '1e308',
  '1e3',
  '-0',
  '0',
  '-1',
  '1.5',
  '1.0',
  'NaN',
  'Infinity',
  '0x10',
  ' 1',
  '1 ',
  '',
  '+1',
  '1'.repeat(400),
  '١٢',
];

const depthArb = fc.oneof(fc.integer({ min: 20, max: 45 }), fc.integer({ min: 46, max: 5_000 }));

/** The classes of hostile payload, each an arbitrary. */
export const payloadArbs: Record<string, fc.Arbitrary<Payload>> = {
  'deep nesting': fc
    .tuple(
      depthArb,
      fc.constantFrom('objects', 'arrays', 'mixed') as fc.Arbitrary<'objects' | 'arrays' | 'mixed'>,
    )
    .map(([depth, pattern]) => ({
      kind: 'deep nesting',
      value: nestedText(depth, pattern),
      mayPass: depth <= STORABLE_DEPTH,
    })),
  'reserved key': fc
    .tuple(
      fc.constantFrom('__proto__', 'constructor', 'prototype'),
      fc.constantFrom<unknown>({ polluted: 1 }, 1, []),
    )
    .map(([key, value]) => ({ kind: 'reserved key', key, value })),
  'huge key': fc
    .tuple(fc.integer({ min: 1_025, max: 70_000 }), fc.constantFrom('k', 'é', '😀'))
    .map(([bytes, char]) => ({
      kind: 'huge key',
      key: char.repeat(Math.ceil(bytes / Buffer.byteLength(char))),
      value: 1,
    })),
  'arrays for objects': fc
    .tuple(fc.integer({ min: 1, max: 30 }), fc.boolean())
    .map(([depth, withObject]) => ({
      kind: 'arrays for objects',
      value: nestedText(depth, 'arrays', withObject ? '{"sku":"a","quantity":1}' : '[]'),
      replacesObject: true,
    })),
  'numeric edge': fc
    .constantFrom(...NUMERIC_EDGES)
    .map((value) => ({ kind: 'numeric edge', value, mayPass: true })),
};

type Slot = { readonly parent: Record<string, unknown> | unknown[]; readonly key: string | number };

function containersOf(root: unknown): Array<Record<string, unknown> | unknown[]> {
  const found: Array<Record<string, unknown> | unknown[]> = [];
  const stack = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    found.push(value as Record<string, unknown>);
    stack.push(...Object.values(value));
  }
  return found;
}

function slotsOf(root: unknown, objectsOnly: boolean): Slot[] {
  return containersOf(root).flatMap((parent) =>
    Object.keys(parent)
      .map((key) => ({ parent, key: Array.isArray(parent) ? Number(key) : key }))
      .filter(({ parent: p, key }) => {
        const value = (p as Record<string | number, unknown>)[key];
        return !objectsOnly || (typeof value === 'object' && value !== null && !Array.isArray(value));
      }),
  );
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A copy of `body` with the payload planted at a place chosen by `at`: under its key in one of the body's
 * objects, or in place of one of its values (of an object, for nested arrays in place of objects).
 */
export function plant(body: unknown, payload: Payload, at: number): unknown {
  const copy = JSON.parse(JSON.stringify(body)) as unknown;
  if (payload.key !== undefined) {
    const objects = containersOf(copy).filter((c) => !Array.isArray(c)) as Array<Record<string, unknown>>;
    setOwn(objects[at % objects.length]!, payload.key, payload.value);
    return copy;
  }
  const slots = slotsOf(copy, payload.replacesObject === true);
  if (slots.length === 0) return payload.value;
  const { parent, key } = slots[at % slots.length]!;
  (parent as Record<string | number, unknown>)[key] = payload.value;
  return copy;
}
