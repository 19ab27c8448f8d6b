import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { aws_dynamodb as dynamodb } from 'aws-cdk-lib';

/** The keys and indexes of a table, as the CDK wants them, read from a `CreateTable` definition. */
export interface TableSchema {
  readonly partitionKey: dynamodb.Attribute;
  readonly sortKey?: dynamodb.Attribute;
  readonly globalSecondaryIndexes: ReadonlyArray<{
    readonly indexName: string;
    readonly partitionKey: dynamodb.Attribute;
    readonly sortKey?: dynamodb.Attribute;
  }>;
}

const ATTRIBUTE_TYPES: Record<string, dynamodb.AttributeType> = {
  S: dynamodb.AttributeType.STRING,
  N: dynamodb.AttributeType.NUMBER,
  B: dynamodb.AttributeType.BINARY,
};

type KeySchema = NonNullable<CreateTableCommandInput['KeySchema']>;

function keysOf(definition: CreateTableCommandInput, schema: KeySchema) {
  const attribute = (keyType: 'HASH' | 'RANGE'): dynamodb.Attribute | undefined => {
    const name = schema.find((key) => key.KeyType === keyType)?.AttributeName;
    if (!name) return undefined;
    const declared = definition.AttributeDefinitions?.find((a) => a.AttributeName === name)?.AttributeType;
    const type = declared && ATTRIBUTE_TYPES[declared];
    if (!type) throw new Error(`table ${definition.TableName}: no attribute type for key ${name}`);
    return { name, type };
  };
  const partitionKey = attribute('HASH');
  if (!partitionKey) throw new Error(`table ${definition.TableName} has no partition key`);
  return { partitionKey, sortKey: attribute('RANGE') };
}

/**
 * Reads keys and global secondary indexes from the same `CreateTable` definition the local runtime and the
 * tests use, so the deployed tables cannot drift from them.
 */
export function tableSchemaOf(definition: CreateTableCommandInput): TableSchema {
  return {
    ...keysOf(definition, definition.KeySchema ?? []),
    globalSecondaryIndexes: (definition.GlobalSecondaryIndexes ?? []).map((index) => ({
      indexName: index.IndexName as string,
      ...keysOf(definition, index.KeySchema ?? []),
    })),
  };
}
