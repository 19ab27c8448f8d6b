import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBSingleTableEventStorageAdapter } from '@castore/event-storage-adapter-dynamodb';
import { type AppendSubject, benchPayload } from './append-subject';

const context = { eventStoreId: 'BENCH' };

/**
 * castore's DynamoDB single-table adapter: `pushEvent` (a conditional put) for one event, `pushEventGroup`
 * (a transaction) for several. Like eventfold's repository path it does not check that the expected version
 * exists; unlike eventfold it writes no time-index entry after a stream's first event.
 */
export function castoreSubject(client: DynamoDBClient, tableName: string, name = 'castore'): AppendSubject {
  const adapter = new DynamoDBSingleTableEventStorageAdapter({ tableName, dynamoDBClient: client });
  const detail = (stream: string, version: number) => ({
    aggregateId: stream,
    version,
    type: 'BenchEvent',
    payload: benchPayload(version - 1),
  });
  return {
    name,
    async append(stream, expectedVersion, count) {
      if (count === 1) {
        await adapter.pushEvent(detail(stream, expectedVersion + 1), context);
        return;
      }
      const groups = Array.from({ length: count }, (_, i) => {
        const grouped = adapter.groupEvent(detail(stream, expectedVersion + i + 1));
        grouped.context = context;
        return grouped;
      });
      await adapter.pushEventGroup({}, groups[0]!, ...groups.slice(1));
    },
  };
}
