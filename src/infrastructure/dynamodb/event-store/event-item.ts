import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { EventMetadata, StoredEvent } from '../../../domain/stored-event';
import type { EventData } from '../../../domain/upcasting';
import { attributeMapOf } from './attribute-values';
import { tooSmall } from './item-size';
import { timeBucketKey, timeBucketOf, timePositionOf } from './time-index';

/** A marshalled item of the events table. */
export type EventItem = Record<string, AttributeValue>;

/** The attributes of an events table item, as stored. */
interface EventRecord {
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: EventData;
  readonly metadata: EventMetadata;
  readonly committedAt: string;
  readonly commitId: string;
  readonly timeBucket?: string;
  readonly timePosition?: string;
}

/** The attributes that put an item into the time index. */
type TimeKey = 'timeBucket' | 'timePosition';

/** True when an object has no enumerable key (own or inherited): `marshall` would make an empty map of it. */
function isEmpty(value: object): boolean {
  for (const _ in value) return false;
  return true;
}

/** A plain object as a DynamoDB map (class instances as their own fields, undefined values left out). */
function mapOf(value: object): AttributeValue {
  return { M: attributeMapOf(value) };
}

/**
 * Marshals a stored event into its events table item, with the time index keys for the given shard when the
 * store keeps the index (without a shard the item stays out of the sparse index and costs no index write). The
 * top-level attributes have fixed types and are written as such; only `data` and `metadata` are marshalled
 * (`attributeMapOf`, the mirror of `fromEventItem`'s `unmarshall`).
 */
export function toEventItem(event: StoredEvent, shard?: number): EventItem {
  const item: EventItem & Record<Exclude<keyof EventRecord, TimeKey>, AttributeValue> = {
    streamId: { S: event.streamId },
    version: { N: String(event.version) },
    eventId: { S: event.eventId },
    type: { S: event.type },
    schemaVersion: { N: String(event.schemaVersion) },
    data: mapOf(event.data),
    metadata: mapOf(event.metadata),
    committedAt: { S: event.committedAt },
    commitId: { S: event.commitId },
  };
  if (shard === undefined) return item;
  item.timeBucket = { S: timeBucketKey(timeBucketOf(event.committedAt), shard) };
  item.timePosition = { S: timePositionOf(event) };
  return item;
}

/** An events table item that lacks an attribute every event has, or holds it with another type. */
export class MalformedEventItemError extends Error {
  readonly code = 'MALFORMED_EVENT_ITEM';

  constructor(
    readonly attribute: string,
    readonly expected: 'S' | 'N' | 'M',
  ) {
    super(`events table item: attribute ${attribute} is missing or not of type ${expected}`);
    this.name = 'MalformedEventItemError';
  }
}

function text(item: EventItem, name: keyof EventRecord): string {
  const value = item[name]?.S;
  if (value === undefined) throw new MalformedEventItemError(name, 'S');
  return value;
}

function integer(item: EventItem, name: keyof EventRecord): number {
  const value = item[name]?.N;
  if (value === undefined) throw new MalformedEventItemError(name, 'N');
  return Number(value);
}

/** A map attribute as a plain object ({} when absent or null: an event written without data or metadata). */
function plainMap<T>(item: EventItem, name: keyof EventRecord): T {
  const value = item[name];
  if (value === undefined || value.NULL) return {} as T;
  if (value.M === undefined) throw new MalformedEventItemError(name, 'M');
  return (isEmpty(value.M) ? {} : unmarshall(value.M)) as T;
}

/**
 * Reads an events table item back as a stored event (without the time index keys). The top-level attributes
 * have fixed types and are read as such; only `data` and `metadata` go through `unmarshall`. Unmarshalling
 * the whole item made about 13% of a replay's allocations (sampled over 100,000 events), all of it garbage.
 */
export function fromEventItem(item: EventItem): StoredEvent {
  return {
    streamId: text(item, 'streamId'),
    version: integer(item, 'version'),
    eventId: text(item, 'eventId'),
    type: text(item, 'type'),
    schemaVersion: integer(item, 'schemaVersion'),
    data: plainMap<EventData>(item, 'data'),
    metadata: plainMap<EventMetadata>(item, 'metadata'),
    committedAt: text(item, 'committedAt'),
    commitId: text(item, 'commitId'),
  };
}

function unstorableNumberInValue(value: AttributeValue): string | undefined {
  if (value.N !== undefined) return tooSmall(value.N) ? value.N : undefined;
  if (value.NS !== undefined) return value.NS.find(tooSmall);
  if (value.M !== undefined) return unstorableNumberIn(value.M);
  if (value.L !== undefined) {
    for (const child of value.L) {
      const found = unstorableNumberInValue(child);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * The first number in an item DynamoDB cannot hold (non-zero and below 1e-130 in magnitude; larger ones and
 * NaN are refused by marshalling already), or undefined.
 */
export function unstorableNumberIn(item: EventItem): string | undefined {
  for (const name in item) {
    const found = unstorableNumberInValue(item[name]!);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Whether a value holds maps (only those can have names); the walk builds a path only into such values. */
const holdsMaps = (value: AttributeValue): boolean => value.M !== undefined || value.L !== undefined;

function emptyKeyInValue(value: AttributeValue, path: string): string | undefined {
  if (value.M !== undefined) return emptyKeyInMap(value.M, path);
  if (value.L !== undefined) {
    for (let index = 0; index < value.L.length; index += 1) {
      const child = value.L[index]!;
      const found = holdsMaps(child) ? emptyKeyInValue(child, `${path}[${index}]`) : undefined;
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function emptyKeyInMap(map: Record<string, AttributeValue>, path: string): string | undefined {
  for (const key in map) {
    if (key === '') return path || '(top level)';
    const child = map[key]!;
    const found = holdsMaps(child) ? emptyKeyInValue(child, path ? `${path}.${key}` : key) : undefined;
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The path of the first map in an item that has an empty key (DynamoDB refuses empty attribute names, nested
 * ones too), or undefined.
 */
export function emptyAttributeNameIn(item: EventItem): string | undefined {
  return emptyKeyInMap(item, '');
}
