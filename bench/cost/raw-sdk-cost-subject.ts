import {
  type AttributeValue,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { ensureTable, eventsTableDefinition } from '../../src/infrastructure/dynamodb/tables';
import { rawSdkItem, rawSdkSubject } from '../subjects/raw-sdk-subject';
import type { CostSubject } from './cost-subject';
import { meteredClient } from './metered-client';

/** Every event item of a stream, in version order: a strongly consistent Query, page by page. */
async function queryStream(client: DynamoDBClient, tableName: string, streamId: string) {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'streamId = :s',
        ExpressionAttributeValues: { ':s': { S: streamId } },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * The raw AWS SDK doing by hand what eventfold's command path does, without its extra reads: eventfold's item on
 * eventfold's table (time index included); a command loads its aggregates with one Query each (a create loads
 * nothing) and writes with a conditional PutItem, or one transaction for several aggregates.
 */
export async function rawSdkCostSubject(
  endpoint: string,
  tableName = 'cost-raw-events',
): Promise<CostSubject> {
  const { client, meter, close } = meteredClient({ region: 'us-east-1', dynamodb: endpoint });
  await ensureTable(client, eventsTableDefinition(tableName));
  meter.reset();
  const appender = rawSdkSubject(client, tableName);
  const put = (
    streamId: string,
    version: number,
    type: string,
    data: Record<string, unknown>,
    commitId: string,
  ) => ({
    TableName: tableName,
    Item: rawSdkItem({ streamId, version, type, data, committedAt: new Date().toISOString(), commitId }),
    ConditionExpression: 'attribute_not_exists(#version)',
    ExpressionAttributeNames: { '#version': 'version' },
  });
  const versionOf = async (accountId: string) =>
    (await queryStream(client, tableName, `Account#${accountId}`)).length;
  return {
    name: 'raw SDK',
    meter,
    async openAccount(accountId, openingBalance) {
      const data = { accountId, holderName: `Holder of ${accountId}`, openingBalance };
      await client.send(
        new PutItemCommand(put(`Account#${accountId}`, 1, 'AccountOpened', data, randomUUID())),
      );
    },
    async renameHolder(accountId, holderName) {
      const version = await versionOf(accountId);
      const event = put(
        `Account#${accountId}`,
        version + 1,
        'HolderNameChanged',
        { holderName },
        randomUUID(),
      );
      await client.send(new PutItemCommand(event));
    },
    async pay(accountId, payeeAccountId, paymentId, amount) {
      const [payer, payee] = await Promise.all([versionOf(accountId), versionOf(payeeAccountId)]);
      const commitId = randomUUID();
      const sent = { paymentId, payeeAccountId, amount };
      const received = { paymentId, payerAccountId: accountId, amount };
      const TransactItems = [
        { Put: put(`Account#${accountId}`, payer + 1, 'PaymentSent', sent, commitId) },
        { Put: put(`Account#${payeeAccountId}`, payee + 1, 'PaymentReceived', received, commitId) },
      ];
      await client.send(new TransactWriteItemsCommand({ TransactItems }));
    },
    append: (stream, expectedVersion, count) => appender.append(stream, expectedVersion, count),
    readStream: async (stream) => (await queryStream(client, tableName, stream)).length,
    async close() {
      close();
    },
  };
}
