import { type DynamoDBClient, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { ensureTable, readModelTableDefinition } from '../../src/infrastructure/dynamodb/tables';
import type { Item } from './capacity-units';

/** What the projection reads of a stored event item. */
interface StoredPayment {
  readonly streamId: string;
  readonly version: number;
  readonly type: string;
  readonly committedAt: string;
  readonly data: { readonly amount: number };
}

/** The change each handled event type makes to its day's row; other types are not handled. */
const CHANGES: Readonly<Record<string, string>> = {
  PaymentSent: 'ADD paid :amount, payments :one',
  PaymentReceived: 'ADD received :amount',
};

/**
 * The example app's `paid-per-day` projection written by hand with the raw SDK, at its cheapest with a gate: one
 * transaction per handled event, the day row's change plus the aggregate's gate, conditioned on the gate being
 * below the event's version (a duplicate is refused, so each version applies once). No pointer or gate reads, and
 * nothing at all for an event it does not handle; unlike eventfold it does not notice, nor fill, a version gap.
 * The other example projections handle no bank event, so by hand they cost nothing for one.
 */
export function rawPaidPerDay(client: DynamoDBClient, tableName: string) {
  return {
    ensureTable: () => ensureTable(client, readModelTableDefinition(tableName)),
    async apply(items: readonly Item[]): Promise<void> {
      for (const item of items) {
        const event = unmarshall(item) as StoredPayment;
        const change = CHANGES[event.type];
        if (!change) continue;
        const row = {
          TableName: tableName,
          Key: marshall({ pk: `day#${event.committedAt.slice(0, 10)}`, sk: '#row' }),
          UpdateExpression: change,
          ExpressionAttributeValues: marshall({
            ':amount': event.data.amount,
            ...(change.includes(':one') ? { ':one': 1 } : {}),
          }),
        };
        const gate = {
          TableName: tableName,
          Key: marshall({ pk: event.streamId, sk: '#gate' }),
          UpdateExpression: 'SET version = :v',
          ConditionExpression: 'attribute_not_exists(version) OR version < :v',
          ExpressionAttributeValues: marshall({ ':v': event.version }),
        };
        await client.send(
          new TransactWriteItemsCommand({ TransactItems: [{ Update: row }, { Update: gate }] }),
        );
      }
    },
  };
}
