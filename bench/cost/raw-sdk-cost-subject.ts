import {
  type AttributeValue,
  type DynamoDBClient,
  type Put,
  PutItemCommand,
  type PutItemCommandInput,
  QueryCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { ensureTable, eventsTableDefinition } from '../../src/infrastructure/dynamodb/tables';
import { rawSdkItem, rawSdkSubject } from '../subjects/raw-sdk-subject';
import type { Item } from './capacity-units';
import type { CostSubject } from './cost-subject';
import { rawPaidPerDay } from './raw-sdk-fan-out';
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
 * nothing) and writes with a conditional PutItem, or one transaction for several aggregates. Its fan-out is the
 * example app's projections written by hand (`rawPaidPerDay`).
 */
export async function rawSdkCostSubject(
  endpoint: string,
  tableName = 'cost-raw-events',
): Promise<CostSubject> {
  const { client, meter, close } = meteredClient({ region: 'us-east-1', dynamodb: endpoint });
  const projection = rawPaidPerDay(client, `${tableName}-paid-per-day`);
  await Promise.all([ensureTable(client, eventsTableDefinition(tableName)), projection.ensureTable()]);
  meter.reset();
  const pending: Item[] = [];
  const write = async (...puts: { Item: Item }[]) => {
    if (puts.length === 1) await client.send(new PutItemCommand(puts[0]! as PutItemCommandInput));
    else
      await client.send(
        new TransactWriteItemsCommand({ TransactItems: puts.map((Put) => ({ Put: Put as Put })) }),
      );
    pending.push(...puts.map((put) => put.Item));
  };
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
      await write(put(`Account#${accountId}`, 1, 'AccountOpened', data, randomUUID()));
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
      await write(event);
    },
    async pay(accountId, payeeAccountId, paymentId, amount) {
      const [payer, payee] = await Promise.all([versionOf(accountId), versionOf(payeeAccountId)]);
      const commitId = randomUUID();
      const sent = { paymentId, payeeAccountId, amount };
      const received = { paymentId, payerAccountId: accountId, amount };
      await write(
        put(`Account#${accountId}`, payer + 1, 'PaymentSent', sent, commitId),
        put(`Account#${payeeAccountId}`, payee + 1, 'PaymentReceived', received, commitId),
      );
    },
    append: (stream, expectedVersion, count) => appender.append(stream, expectedVersion, count),
    readStream: async (stream) => (await queryStream(client, tableName, stream)).length,
    fanOut: () => projection.apply(pending.splice(0)),
    async close() {
      close();
    },
  };
}
