import {
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { StoredEvent } from '../../../domain/stored-event';
import { eventKey, EventsTableKeys } from '../tables/events-table';
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

/** The position of one event and, when given, the only attributes to read of it (plain attribute names). */
interface EventItemRequest {
  readonly streamId: string;
  readonly version: number;
  readonly attributes?: readonly string[];
}

/** The item of the event at one version of a stream (strongly consistent), or undefined; counted. */
export async function getEventItem(
  client: DynamoDBClient,
  tableName: string,
  request: EventItemRequest,
  counter: ReadCounter,
): Promise<EventItem | undefined> {
  const attributes = request.attributes;
  const { Item } = await client.send(
    new GetItemCommand({
      TableName: tableName,
      Key: eventKey(request.streamId, request.version),
      ConsistentRead: true,
      ProjectionExpression: attributes?.map((name) => `#${name}`).join(', '),
      ExpressionAttributeNames:
        attributes && Object.fromEntries(attributes.map((name) => [`#${name}`, name])),
    }),
  );
  counter.requests += 1;
  counter.itemsRead += Item ? 1 : 0;
  return Item;
}

/** The event at one version of a stream (strongly consistent), or undefined. */
export async function readEventAt(
  client: DynamoDBClient,
  tableName: string,
  streamId: string,
  version: number,
  counter: ReadCounter,
): Promise<StoredEvent | undefined> {
  const item = await getEventItem(client, tableName, { streamId, version }, counter);
  return item ? fromEventItem(item) : undefined;
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
