import { LimitExceededError } from '../../domain/domain-errors';
import { ValidationError } from '../../domain/validation-error';

/** The shape limits every JSON body must keep, whatever the route. */
export interface JsonShapeLimits {
  /** Most levels of objects and arrays one inside the other (`{}` is 1, `{"a":[]}` is 2). */
  readonly maxDepth: number;
  /** Longest object key, in bytes (UTF-8). */
  readonly maxKeyBytes: number;
}

/** Keys that reach an object's prototype when code copies or merges the object; never data. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The largest magnitude a number may have: the store keeps numbers as exact integers up to this. */
const LARGEST_NUMBER = Number.MAX_SAFE_INTEGER;
/** The smallest non-zero magnitude DynamoDB can store. */
const SMALLEST_NUMBER = 1e-130;

interface Frame {
  readonly value: unknown;
  readonly depth: number;
  readonly key?: string;
  readonly parent?: Frame;
}

const MAX_SHOWN_KEY = 48;

function segment(frame: Frame): string {
  const key = frame.key ?? '';
  if (Array.isArray(frame.parent?.value)) return `[${key}]`;
  const shown = key.length > MAX_SHOWN_KEY ? `${key.slice(0, MAX_SHOWN_KEY)}…` : key;
  return frame.parent?.parent ? `.${shown}` : shown;
}

/** The path of a value in the body (`data.lines[0].sku`), or `(body)` for the body itself. */
function pathOf(frame: Frame): string {
  const parts: string[] = [];
  for (let at: Frame | undefined = frame; at?.parent; at = at.parent) parts.push(segment(at));
  return parts.reverse().join('') || '(body)';
}

/** The nesting depth of a JSON value, walked without recursion (a body may nest many thousand levels). */
export function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [next, depth] = stack.pop()!;
    if (typeof next !== 'object' || next === null) continue;
    deepest = Math.max(deepest, depth);
    for (const child of Object.values(next)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function refuse(frame: Frame, reason: string): never {
  throw new ValidationError('request body', [{ field: pathOf(frame), reasons: [reason] }]);
}

function checkNumber(value: number, frame: Frame): void {
  const magnitude = Math.abs(value);
  if (
    Number.isFinite(value) &&
    magnitude <= LARGEST_NUMBER &&
    (magnitude === 0 || magnitude >= SMALLEST_NUMBER)
  )
    return;
  refuse(
    frame,
    `must be a number from -${LARGEST_NUMBER} to ${LARGEST_NUMBER}, and 0 or at least ${SMALLEST_NUMBER} in magnitude`,
  );
}

function checkKey(key: string, frame: Frame, limits: JsonShapeLimits): void {
  if (RESERVED_KEYS.has(key)) refuse(frame, `uses the reserved key ${key}`);
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes > limits.maxKeyBytes)
    throw new LimitExceededError('bytes in one key of the request body', limits.maxKeyBytes, bytes, {
      field: pathOf(frame),
    });
}

function children(frame: Frame, limits: JsonShapeLimits): Frame[] {
  const { value, depth } = frame;
  if (Array.isArray(value))
    return value.map((item, i) => ({ value: item, depth: depth + 1, key: String(i), parent: frame }));
  return Object.keys(value as object).map((key) => {
    const child = { value: (value as Record<string, unknown>)[key], depth: depth + 1, key, parent: frame };
    checkKey(key, child, limits);
    return child;
  });
}

/**
 * Checks a parsed JSON body before anything else reads it: at most `maxDepth` levels of nesting (413), no key
 * longer than `maxKeyBytes` (413), no reserved key (`__proto__`, `constructor`, `prototype`) anywhere, and only
 * numbers the event store can keep exactly (400). Every error names the field's path and the limit.
 * @example
 * guardJsonBody(JSON.parse(text), { maxDepth: 32, maxKeyBytes: 1024 });
 */
export function guardJsonBody(body: unknown, limits: JsonShapeLimits): void {
  const stack: Frame[] = [{ value: body, depth: 1 }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (typeof frame.value === 'number') checkNumber(frame.value, frame);
    if (typeof frame.value !== 'object' || frame.value === null) continue;
    if (frame.depth > limits.maxDepth)
      throw new LimitExceededError('levels of nesting in the request body', limits.maxDepth, depthOf(body), {
        field: pathOf(frame),
      });
    for (const child of children(frame, limits)) stack.push(child);
  }
}
