import {
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { StoredEvent } from '../../../domain/stored-event';
import { EventsTableKeys } from '../tables/events-table';
import { type EventItem, fromEventItem } from './event-item';

/** Counts what the store read from DynamoDB, for tests and metrics. */
export interface ReadCounter {
  itemsRead: number;
  requests: number;
}

const keyNames = { '#s': EventsTableKeys.partitionKey, '#v': EventsTableKeys.sortKey };

/** Runs a query page by page (each at most 1 MB), yielding the items. */
export async function* queryPages(
  client: DynamoDBClient,
  input: QueryCommandInput,
  counter: ReadCounter,
): AsyncGenerator<EventItem[]> {
  let startKey: EventItem | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    counter.requests += 1;
    counter.itemsRead += page.Items?.length ?? 0;
    yield page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/**
 * Reads a stream's events from `fromVersion` to `toVersion` in version order, strongly consistent, following
 * DynamoDB's 1 MB pages.
 */
export async function* readStreamEvents(
  client: DynamoDBClient,
  tableName: string,
  streamId: string,
  range: { fromVersion: number; toVersion: number },
  counter: ReadCounter,
): AsyncGenerator<StoredEvent> {
  const pages = queryPages(
    client,
    {
      TableName: tableName,
      KeyConditionExpression: '#s = :s AND #v BETWEEN :from AND :to',
      ExpressionAttributeNames: keyNames,
      ExpressionAttributeValues: marshall({
        ':s': streamId,
        ':from': range.fromVersion,
        ':to': range.toVersion,
      }),
      ConsistentRead: true,
    },
    counter,
  );
  for await (const items of pages) {
    for (const item of items) yield fromEventItem(item);
  }
}

/** The event at one version of a stream (strongly consistent), or undefined. */
export async function readEventAt(
  client: DynamoDBClient,
  tableName: string,
  streamId: string,
  version: number,
  counter: ReadCounter,
): Promise<StoredEvent | undefined> {
  const key = marshall({ [EventsTableKeys.partitionKey]: streamId, [EventsTableKeys.sortKey]: version });
  const { Item } = await client.send(
    new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
  );
  counter.requests += 1;
  counter.itemsRead += Item ? 1 : 0;
  return Item ? fromEventItem(Item) : undefined;
}

/** The version a stream is at now (strongly consistent); 0 for a stream without events. */
export async function currentVersion(
  client: DynamoDBClient,
  tableName: string,
  streamId: string,
  counter: ReadCounter,
): Promise<number> {
  const { Items } = await client.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: '#s = :s',
      ExpressionAttributeNames: keyNames,
      ExpressionAttributeValues: marshall({ ':s': streamId }),
      ProjectionExpression: '#v',
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  counter.requests += 1;
  counter.itemsRead += Items?.length ?? 0;
  const latest = Items?.[0]?.[EventsTableKeys.sortKey]?.N;
  return latest === undefined ? 0 : Number(latest);
}
