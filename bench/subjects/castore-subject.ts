import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBSingleTableEventStorageAdapter } from '@castore/event-storage-adapter-dynamodb';
import { randomUUID } from 'node:crypto';
import { type AppendSubject, benchPayload } from './append-subject';

const context = { eventStoreId: 'BENCH' };

/** What a castore subject stores beside the payload. */
export interface CastoreContent {
  /**
   * Also store, in each event's metadata, what eventfold's guarantees make it store: an event id (idempotent
   * appends), the commit's id and the schema version. castore as its users run it stores none of them.
   */
  readonly eventfoldIds: boolean;
}

/**
 * castore's DynamoDB single-table adapter: `pushEvent` (a conditional put) for one event, `pushEventGroup`
 * (a transaction) for several. Like eventfold's repository path it does not check that the expected version
 * exists; unlike eventfold it writes no time-index entry after a stream's first event.
 */
export function castoreSubject(
  client: DynamoDBClient,
  tableName: string,
  name = 'castore',
  content: CastoreContent = { eventfoldIds: false },
): AppendSubject {
  const adapter = new DynamoDBSingleTableEventStorageAdapter({ tableName, dynamoDBClient: client });
  const detail = (stream: string, version: number, commitId: string | undefined) => ({
    aggregateId: stream,
    version,
    type: 'BenchEvent',
    payload: benchPayload(version - 1),
    ...(commitId ? { metadata: { eventId: randomUUID(), commitId, schemaVersion: 1 } } : {}),
  });
  return {
    name,
    async append(stream, expectedVersion, count) {
      // Only the subject that stores eventfold's ids pays for making them.
      const commitId = content.eventfoldIds ? randomUUID() : undefined;
      if (count === 1) {
        await adapter.pushEvent(detail(stream, expectedVersion + 1, commitId), context);
        return;
      }
      const groups = Array.from({ length: count }, (_, i) => {
        const grouped = adapter.groupEvent(detail(stream, expectedVersion + i + 1, commitId));
        grouped.context = context;
        return grouped;
      });
      await adapter.pushEventGroup({}, groups[0]!, ...groups.slice(1));
    },
  };
}
