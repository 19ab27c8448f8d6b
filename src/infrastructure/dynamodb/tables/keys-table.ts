import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** Key attribute of the keys table: one item per data subject. */
export const KeysTableKeys = {
  partitionKey: 'subject',
} as const;

/**
 * The `CreateTable` input of the keys table: one item per data subject holding its data key wrapped (by the KMS key
 * on AWS, by the runtime's master key locally). Forgetting replaces the key by a tombstone (`forgottenAt`, no key),
 * which keeps the subject id from ever being given a key again.
 */
export function keysTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: KeysTableKeys.partitionKey, AttributeType: 'S' }],
    KeySchema: [{ AttributeName: KeysTableKeys.partitionKey, KeyType: 'HASH' }],
  };
}
