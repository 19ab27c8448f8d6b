import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { StoredEvent } from '../../domain/stored-event';
import { fromEventItem } from '../dynamodb/event-store/event-item';

const REQUIRED = {
  streamId: 'S',
  version: 'N',
  eventId: 'S',
  type: 'S',
  commitId: 'S',
  committedAt: 'S',
} as const;

/**
 * The stored event of a DynamoDB Streams record of the events table: only for an INSERT of an event item.
 * MODIFY and REMOVE records, and items that are not events, give undefined.
 */
export function eventOfStreamRecord(record: DynamoDBRecord): StoredEvent | undefined {
  if (record.eventName !== 'INSERT') return undefined;
  const image = record.dynamodb?.NewImage as Record<string, AttributeValue> | undefined;
  if (!image) return undefined;
  for (const [name, kind] of Object.entries(REQUIRED)) {
    if (!(kind in ((image[name] as object | undefined) ?? {}))) return undefined;
  }
  return fromEventItem(image);
}
