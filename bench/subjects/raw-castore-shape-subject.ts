import { type DynamoDBClient, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { type AppendSubject, benchPayload } from './append-subject';

const names = { '#version': 'version' };

/**
 * The raw AWS SDK doing castore's writes (not eventfold's): castore's item on castore's table layout, a conditional
 * PutItem for one event, a transaction of conditional puts for several; no check that the expected version exists,
 * and the initial-events index written only for a stream's first event. Shows how much of castore's lead is the
 * work it skips rather than its code.
 */
export function rawCastoreShapeSubject(client: DynamoDBClient, tableName: string): AppendSubject {
  const item = (stream: string, version: number, timestamp: string) =>
    marshall({
      aggregateId: `BENCH#${stream}`,
      version,
      type: 'BenchEvent',
      payload: benchPayload(version - 1),
      timestamp,
      ...(version === 1 ? { eventStoreId: 'BENCH' } : {}),
    });
  const put = (stream: string, version: number, timestamp: string) => ({
    TableName: tableName,
    Item: item(stream, version, timestamp),
    ConditionExpression: 'attribute_not_exists(#version)',
    ExpressionAttributeNames: names,
  });
  return {
    name: 'raw SDK (castore writes)',
    async append(stream, expectedVersion, count) {
      const timestamp = new Date().toISOString();
      if (count === 1) {
        await client.send(new PutItemCommand(put(stream, expectedVersion + 1, timestamp)));
        return;
      }
      const puts = Array.from({ length: count }, (_, i) => ({
        Put: put(stream, expectedVersion + i + 1, timestamp),
      }));
      await client.send(new TransactWriteItemsCommand({ TransactItems: puts }));
    },
  };
}
