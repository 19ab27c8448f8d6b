import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { LimitExceededError } from '../../../domain/domain-errors';
import type { EventItem } from './event-item';

/**
 * DynamoDB's limits on an item's shape: an attribute value nests at most 31 maps and lists (32 levels counting
 * the item; measured against DynamoDB Local, which refuses the 32nd), and an attribute name, nested ones too,
 * takes at most 65,535 bytes.
 */
export const ITEM_SHAPE_LIMITS = { maxDepth: 31, maxNameBytes: 65_535 } as const;

/** Where an item breaks a shape limit: which limit, its value, what was found, and the path of the attribute. */
export interface ShapeBreach {
  readonly limit: string;
  readonly max: number;
  readonly actual: number;
  readonly path: string;
}

interface Frame {
  readonly value: AttributeValue;
  readonly depth: number;
  readonly path: string;
}

const MAX_SHOWN_NAME = 48;
const shown = (name: string) => (name.length > MAX_SHOWN_NAME ? `${name.slice(0, MAX_SHOWN_NAME)}…` : name);

function childrenOf(frame: Frame): Array<Frame | ShapeBreach> {
  const { value, depth, path } = frame;
  if (value.L) return value.L.map((child, i) => ({ value: child, depth: depth + 1, path: `${path}[${i}]` }));
  return Object.entries(value.M ?? {}).map(([name, child]) => {
    const bytes = Buffer.byteLength(name, 'utf8');
    const at = `${path}.${shown(name)}`;
    if (bytes > ITEM_SHAPE_LIMITS.maxNameBytes)
      return {
        limit: 'bytes in an attribute name',
        max: ITEM_SHAPE_LIMITS.maxNameBytes,
        actual: bytes,
        path: at,
      };
    return { value: child, depth: depth + 1, path: at };
  });
}

/** The first place where an item breaks DynamoDB's nesting or attribute name limits, or undefined. */
export function shapeBreachIn(item: EventItem): ShapeBreach | undefined {
  const stack: Frame[] = Object.entries(item).map(([name, value]) => ({ value, depth: 1, path: name }));
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (!frame.value.M && !frame.value.L) continue;
    if (frame.depth > ITEM_SHAPE_LIMITS.maxDepth)
      return {
        limit: 'levels of nesting in an attribute',
        max: ITEM_SHAPE_LIMITS.maxDepth,
        actual: frame.depth,
        path: frame.path,
      };
    for (const child of childrenOf(frame)) {
      if (!('value' in child)) return child;
      stack.push(child);
    }
  }
  return undefined;
}

/** Throws a `LimitExceededError` (413) naming the limit and the attribute when an item breaks its shape limits. */
export function assertItemShape(item: EventItem, context: Readonly<Record<string, unknown>>): void {
  const breach = shapeBreachIn(item);
  if (breach)
    throw new LimitExceededError(breach.limit, breach.max, breach.actual, { ...context, field: breach.path });
}
