import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** Key attributes of the snapshots table: the latest snapshot per stream and snapshot tag. */
export const SnapshotsTableKeys = {
  partitionKey: 'streamId',
  sortKey: 'tag',
} as const;

/**
 * The `CreateTable` input of the snapshots table. One item per (stream, tag): a snapshot of a changed
 * aggregate class gets a new tag and never overwrites, nor is read as, one of the old shape.
 */
export function snapshotsTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: SnapshotsTableKeys.partitionKey, AttributeType: 'S' },
      { AttributeName: SnapshotsTableKeys.sortKey, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: SnapshotsTableKeys.partitionKey, KeyType: 'HASH' },
      { AttributeName: SnapshotsTableKeys.sortKey, KeyType: 'RANGE' },
    ],
  };
}
