import {
  DescribeTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  type ScanCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { IndexShape, Item, TableShape } from './capacity-units';

/**
 * Reads a meter needs beside the requests it meters, made on a client of their own (never metered): table
 * shapes, whole items by key, and the items a Query or Scan read before its projection and filter.
 */
export class TableLookups {
  private readonly shapes = new Map<string, Promise<TableShape>>();

  constructor(private readonly client: DynamoDBClient) {}

  /** The key attributes and global secondary indexes of a table (described once). */
  shape(tableName: string): Promise<TableShape> {
    let shape = this.shapes.get(tableName);
    if (!shape) {
      shape = this.describe(tableName);
      this.shapes.set(tableName, shape);
    }
    return shape;
  }

  /** The key of an item in its table. */
  async keyOf(tableName: string, item: Item): Promise<Item> {
    const { keys } = await this.shape(tableName);
    return Object.fromEntries(keys.map((key) => [key, item[key]!]));
  }

  /** The whole item stored under a key now (strongly consistent), or undefined. */
  async get(tableName: string, key: Item): Promise<Item | undefined> {
    const out = await this.client.send(
      new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
    );
    return out.Item;
  }

  /**
   * The items a Query or Scan read: the same request again without its projection and filter (a filter applies
   * after the read, and `Limit` counts items read), so whole items (or whole index entries) come back.
   */
  async itemsRead(operation: 'Query' | 'Scan', input: QueryCommandInput & ScanCommandInput): Promise<Item[]> {
    const kept = input.KeyConditionExpression ?? '';
    const used = (name: string) => new RegExp(`${name.replace(/[#:]/, '\\$&')}(?![A-Za-z0-9_])`).test(kept);
    const pick = <T>(values: Record<string, T> | undefined) => {
      const entries = Object.entries(values ?? {}).filter(([name]) => used(name));
      return entries.length > 0 ? Object.fromEntries(entries) : undefined;
    };
    const bare = {
      ...input,
      ProjectionExpression: undefined,
      FilterExpression: undefined,
      Select: undefined,
      ExpressionAttributeNames: pick(input.ExpressionAttributeNames),
      ExpressionAttributeValues: pick(input.ExpressionAttributeValues),
    };
    const out =
      operation === 'Query'
        ? await this.client.send(new QueryCommand(bare))
        : await this.client.send(new ScanCommand(bare));
    return out.Items ?? [];
  }

  private async describe(tableName: string): Promise<TableShape> {
    const { Table } = await this.client.send(new DescribeTableCommand({ TableName: tableName }));
    const keys = (Table?.KeySchema ?? []).map((key) => key.AttributeName!);
    const indexes: IndexShape[] = (Table?.GlobalSecondaryIndexes ?? []).map((index) => ({
      name: index.IndexName!,
      keys: (index.KeySchema ?? []).map((key) => key.AttributeName!),
      projection: (index.Projection?.ProjectionType ?? 'ALL') as IndexShape['projection'],
      include: index.Projection?.NonKeyAttributes,
    }));
    return { keys, indexes };
  }
}
