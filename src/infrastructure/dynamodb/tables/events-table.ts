import type { AttributeValue, CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** Key attributes of the events table: one item per event, `streamId` + `version`. */
export const EventsTableKeys = {
  partitionKey: 'streamId',
  sortKey: 'version',
} as const;

/** The marshalled key of one event's item in the events table. */
export function eventKey(streamId: string, version: number): Record<string, AttributeValue> {
  return {
    [EventsTableKeys.partitionKey]: { S: streamId },
    [EventsTableKeys.sortKey]: { N: String(version) },
  };
}

/**
 * The write-sharded time index of the events table (a GSI). Its partition key is an hour bucket plus a write
 * shard (`2026-11-22T14#07`) and its sort key orders by commit time, then stream id, then version
 * (`2026-11-22T14:03:09.120Z!Order#42!0000000007`). It projects every attribute, so a replay reads events
 * from it without going back to the table. It is sparse and opt-in: an item carries its keys only when the store
 * is configured with `timeIndexShards` above 0 (each entry is one more write unit per event).
 */
export const TimeIndex = {
  name: 'time-index',
  partitionKey: 'timeBucket',
  sortKey: 'timePosition',
} as const;

/**
 * The `CreateTable` input of the events table: on-demand billing, a stream of new images for the forwarder,
 * and the time index. The same definition is used by the tests, the local runtime and the CDK construct.
 * @example
 * await client.send(new CreateTableCommand(eventsTableDefinition('eventfold-events')));
 */
export function eventsTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: EventsTableKeys.partitionKey, AttributeType: 'S' },
      { AttributeName: EventsTableKeys.sortKey, AttributeType: 'N' },
      { AttributeName: TimeIndex.partitionKey, AttributeType: 'S' },
      { AttributeName: TimeIndex.sortKey, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: EventsTableKeys.partitionKey, KeyType: 'HASH' },
      { AttributeName: EventsTableKeys.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: TimeIndex.name,
        KeySchema: [
          { AttributeName: TimeIndex.partitionKey, KeyType: 'HASH' },
          { AttributeName: TimeIndex.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
  };
}
