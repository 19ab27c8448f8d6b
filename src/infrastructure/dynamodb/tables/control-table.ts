import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * Key attributes of the control table, a generic `pk` + `sk` table for the framework's own records:
 * time-bucket markers of the event store, replay progress, projection table pointers, watermarks.
 * Each user of the table owns a `pk` prefix.
 */
export const ControlTableKeys = {
  partitionKey: 'pk',
  sortKey: 'sk',
} as const;

/** The `CreateTable` input of the control table. */
export function controlTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: ControlTableKeys.partitionKey, AttributeType: 'S' },
      { AttributeName: ControlTableKeys.sortKey, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: ControlTableKeys.partitionKey, KeyType: 'HASH' },
      { AttributeName: ControlTableKeys.sortKey, KeyType: 'RANGE' },
    ],
  };
}
