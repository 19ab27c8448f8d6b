import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CreateTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { CreateStreamCommand, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { createDynamoDbClient, createKinesisClient } from '../../src/infrastructure/aws/clients';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../src/infrastructure/local/dynamodb-local';
import { startKinesalite, type KinesaliteServer } from '../../src/infrastructure/local/kinesalite-server';

describe('local emulators', () => {
  let ddb: DynamoDbLocal;
  let kinesis: KinesaliteServer;

  beforeAll(async () => {
    [ddb, kinesis] = await Promise.all([startDynamoDbLocal(), startKinesalite()]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([ddb?.stop(), kinesis?.stop()]);
  });

  it('starts DynamoDB Local on a free port and answers the SDK', async () => {
    const client = createDynamoDbClient({ region: 'us-east-1', dynamodb: ddb.endpoint });
    await client.send(
      new CreateTableCommand({
        TableName: 'probe',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    const tables = await client.send(new ListTablesCommand({}));
    expect(tables.TableNames).toContain('probe');
    client.destroy();
  });

  it('starts kinesalite in-process and answers the SDK over HTTP/1.1', async () => {
    const client = createKinesisClient({ region: 'us-east-1', kinesis: kinesis.endpoint });
    await client.send(new CreateStreamCommand({ StreamName: 'probe', ShardCount: 2 }));
    const streams = await client.send(new ListStreamsCommand({}));
    expect(streams.StreamNames).toContain('probe');
    client.destroy();
  });

  it('persists DynamoDB Local tables in a data folder given by a relative path, across a restart', async () => {
    const folder = relative(
      process.cwd(),
      join(mkdtempSync(join(tmpdir(), 'eventfold-ddb-')), 'nested', 'data'),
    );
    const tableNames = async (endpoint: string) => {
      const client = createDynamoDbClient({ region: 'us-east-1', dynamodb: endpoint });
      try {
        return (await client.send(new ListTablesCommand({}))).TableNames;
      } finally {
        client.destroy();
      }
    };
    const first = await startDynamoDbLocal({ dataDir: folder });
    try {
      const client = createDynamoDbClient({ region: 'us-east-1', dynamodb: first.endpoint });
      await client.send(
        new CreateTableCommand({
          TableName: 'kept',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        }),
      );
      client.destroy();
    } finally {
      await first.stop();
    }
    const second = await startDynamoDbLocal({ dataDir: folder });
    try {
      expect(await tableNames(second.endpoint)).toContain('kept');
    } finally {
      await second.stop();
    }
  }, 90_000);
});
