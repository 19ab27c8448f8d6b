import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { attributeValueSize, numberSize, tooSmall } from './item-size';
import { ITEM_SHAPE_LIMITS } from './item-shape';

interface Walk {
  suspect: boolean;
}

const utf8 = (text: string): number => Buffer.byteLength(text, 'utf8');

function mapSize(map: Record<string, AttributeValue>, depth: number, walk: Walk): number {
  let sum = 3;
  for (const name in map) {
    const bytes = utf8(name);
    if (bytes === 0 || bytes > ITEM_SHAPE_LIMITS.maxNameBytes) walk.suspect = true;
    sum += 1 + bytes + valueSize(map[name]!, depth + 1, walk);
  }
  return sum;
}

function listSize(list: readonly AttributeValue[], depth: number, walk: Walk): number {
  let sum = 3;
  for (const child of list) sum += 1 + valueSize(child, depth + 1, walk);
  return sum;
}

/** The size of a value at a depth (the item's attributes are at depth 1), flagging what a check would refuse. */
function valueSize(value: AttributeValue, depth: number, walk: Walk): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) {
    if (tooSmall(value.N)) walk.suspect = true;
    return numberSize(value.N);
  }
  if (value.M === undefined && value.L === undefined) {
    if (value.NS?.some(tooSmall)) walk.suspect = true;
    return attributeValueSize(value);
  }
  // Deeper than DynamoDB allows: no need to go on (and no deep recursion on hostile data).
  if (depth > ITEM_SHAPE_LIMITS.maxDepth) return ((walk.suspect = true), 0);
  return value.M !== undefined ? mapSize(value.M, depth, walk) : listSize(value.L!, depth, walk);
}

/**
 * One walk over an item for every check a write needs first: its size as `itemSize` counts it, or undefined when
 * it may break a shape limit (`shapeBreachIn`), hold an empty attribute name (`emptyAttributeNameIn`) or a number
 * DynamoDB cannot hold (`unstorableNumberIn`). An item with a size (nearly all) needs no other walk; one without
 * goes through the detailed checks, which name the limit and the place.
 */
export function surveyItem(item: Record<string, AttributeValue>): number | undefined {
  const walk: Walk = { suspect: false };
  let bytes = 0;
  for (const name in item) {
    if (name === '') walk.suspect = true;
    bytes += utf8(name) + valueSize(item[name]!, 1, walk);
  }
  return walk.suspect ? undefined : bytes;
}
