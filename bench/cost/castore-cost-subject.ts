import { DynamoDBSingleTableEventStorageAdapter } from '@castore/event-storage-adapter-dynamodb';
import { ensureTable } from '../../src/infrastructure/dynamodb/tables';
import { castoreTableDefinition } from '../append-bench';
import { castoreSubject } from '../subjects/castore-subject';
import type { CostSubject } from './cost-subject';
import { meteredClient } from './metered-client';

const accounts = { eventStoreId: 'ACCOUNTS' };

/**
 * castore's DynamoDB single-table adapter as a castore command uses it: a create pushes its first event without
 * reading; a command on existing aggregates reads each one's events (`getEvents`, one Query) and pushes one event
 * (a conditional PutItem) or a group (a transaction).
 */
export async function castoreCostSubject(endpoint: string, tableName = 'cost-castore'): Promise<CostSubject> {
  const { client, meter, close } = meteredClient({ region: 'us-east-1', dynamodb: endpoint });
  await ensureTable(client, castoreTableDefinition(tableName));
  meter.reset();
  const adapter = new DynamoDBSingleTableEventStorageAdapter({ tableName, dynamoDBClient: client });
  const appender = castoreSubject(client, tableName);
  const versionOf = async (accountId: string) => (await adapter.getEvents(accountId, accounts)).events.length;
  return {
    name: 'castore',
    meter,
    async openAccount(accountId, openingBalance) {
      const payload = { accountId, holderName: `Holder of ${accountId}`, openingBalance };
      await adapter.pushEvent(
        { aggregateId: accountId, version: 1, type: 'AccountOpened', payload },
        accounts,
      );
    },
    async renameHolder(accountId, holderName) {
      const version = (await versionOf(accountId)) + 1;
      await adapter.pushEvent(
        { aggregateId: accountId, version, type: 'HolderNameChanged', payload: { holderName } },
        accounts,
      );
    },
    async pay(accountId, payeeAccountId, paymentId, amount) {
      const [payer, payee] = await Promise.all([versionOf(accountId), versionOf(payeeAccountId)]);
      const grouped = [
        adapter.groupEvent({
          aggregateId: accountId,
          version: payer + 1,
          type: 'PaymentSent',
          payload: { paymentId, payeeAccountId, amount },
        }),
        adapter.groupEvent({
          aggregateId: payeeAccountId,
          version: payee + 1,
          type: 'PaymentReceived',
          payload: { paymentId, payerAccountId: accountId, amount },
        }),
      ];
      for (const event of grouped) event.context = accounts;
      await adapter.pushEventGroup({}, grouped[0]!, grouped[1]!);
    },
    append: (stream, expectedVersion, count) => appender.append(stream, expectedVersion, count),
    readStream: async (stream) => (await adapter.getEvents(stream, { eventStoreId: 'BENCH' })).events.length,
    async close() {
      close();
    },
  };
}
