import { CreateTableCommand, DescribeTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { CreateStreamCommand, PutRecordCommand } from '@aws-sdk/client-kinesis';
import type { DynamoDBStreamEvent, KinesisStreamEvent } from 'aws-lambda';
import { clientConfig } from '../../../src/infrastructure/aws/aws-config';
import { createDynamoDbClient, createKinesisClient } from '../../../src/infrastructure/aws/clients';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../src/infrastructure/local/dynamodb-local';
import { waitFor } from '../../../src/infrastructure/local/free-port';
import { startKinesalite, type KinesaliteServer } from '../../../src/infrastructure/local/kinesalite-server';
import {
  startEventSourceMapping,
  type EventSourceMapping,
} from '../../../src/infrastructure/local/runtime/event-source-mapping';
import { dynamoDbStreamSource } from '../../../src/infrastructure/local/runtime/event-source-mapping-dynamodb';
import { kinesisStreamSource } from '../../../src/infrastructure/local/runtime/event-source-mapping-kinesis';
import type { ExhaustedBatch } from '../../../src/infrastructure/local/runtime/event-source-mapping-types';

const region = 'us-east-1';

describe('event source mapping emulator', () => {
  let ddb: DynamoDbLocal;
  let kinesalite: KinesaliteServer;
  const mappings: EventSourceMapping[] = [];

  beforeAll(async () => {
    [ddb, kinesalite] = await Promise.all([startDynamoDbLocal(), startKinesalite()]);
  }, 90_000);

  afterEach(async () => {
    await Promise.all(mappings.splice(0).map((m) => m.stop()));
  });

  afterAll(async () => {
    await Promise.all([ddb?.stop(), kinesalite?.stop()]);
  });

  const kinesis = () => createKinesisClient({ region, kinesis: kinesalite.endpoint });

  async function kinesisStream(name: string, shards: number, records: Array<[string, string]>) {
    const client = kinesis();
    await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
    for (const [key, data] of records) {
      await client.send(
        new PutRecordCommand({ StreamName: name, PartitionKey: key, Data: Buffer.from(data) }),
      );
    }
    return kinesisStreamSource(client, name, region);
  }

  const decode = (event: KinesisStreamEvent) =>
    event.Records.map((r) => Buffer.from(r.kinesis.data, 'base64').toString());

  it('delivers Kinesis records as Lambda events, one poller per shard, in order per partition key', async () => {
    const records = Array.from(
      { length: 40 },
      (_, i) => [`key-${i % 5}`, `key-${i % 5}:${i}`] as [string, string],
    );
    const source = await kinesisStream('ordered', 3, records);
    const seen: string[] = [];
    const events: KinesisStreamEvent[] = [];
    const mapping = startEventSourceMapping({
      name: 'ordered',
      source,
      batchSize: 7,
      pollIntervalMs: 50,
      handler: async (event: KinesisStreamEvent) => {
        events.push(event);
        seen.push(...decode(event));
      },
    });
    mappings.push(mapping);
    await waitFor(async () => seen.length === 40, 'all 40 records', 20_000);
    expect(mapping.activeShards()).toHaveLength(3);
    for (let k = 0; k < 5; k += 1) {
      const ofKey = seen.filter((s) => s.startsWith(`key-${k}:`));
      expect(ofKey).toEqual(records.filter(([key]) => key === `key-${k}`).map(([, d]) => d));
    }
    const first = events[0]!.Records[0]!;
    expect(first.eventSource).toBe('aws:kinesis');
    expect(first.eventSourceARN).toBe(`arn:aws:kinesis:${region}:000000000000:stream/ordered`);
    expect(first.eventID).toBe(`${first.eventID.split(':')[0]}:${first.kinesis.sequenceNumber}`);
    expect(Math.max(...events.map((e) => e.Records.length))).toBeLessThanOrEqual(7);
  }, 30_000);

  it('resumes from the first reported item failure without redelivering the records before it', async () => {
    const source = await kinesisStream(
      'partial',
      1,
      [1, 2, 3, 4, 5].map((i) => ['k', `r${i}`] as [string, string]),
    );
    const deliveries: string[][] = [];
    let failedOnce = false;
    mappings.push(
      startEventSourceMapping({
        name: 'partial',
        source,
        pollIntervalMs: 50,
        retryBackoffMs: 10,
        handler: async (event: KinesisStreamEvent) => {
          deliveries.push(decode(event));
          const third = event.Records.find((r) => Buffer.from(r.kinesis.data, 'base64').toString() === 'r3');
          if (!third || failedOnce) return { batchItemFailures: [] };
          failedOnce = true;
          return { batchItemFailures: [{ itemIdentifier: third.kinesis.sequenceNumber }] };
        },
      }),
    );
    await waitFor(async () => deliveries.length === 2, 'the retry', 20_000);
    expect(deliveries).toEqual([
      ['r1', 'r2', 'r3', 'r4', 'r5'],
      ['r3', 'r4', 'r5'],
    ]);
  }, 30_000);

  it('hands a batch that fails every attempt to the on-failure destination and moves on', async () => {
    const source = await kinesisStream('poison', 1, [['k', 'poison']]);
    const exhausted: ExhaustedBatch[] = [];
    const delivered: string[] = [];
    let attempts = 0;
    const mapping = startEventSourceMapping({
      name: 'poison',
      source,
      pollIntervalMs: 50,
      retryBackoffMs: 10,
      maxRetryAttempts: 2,
      onExhausted: async (batch) => void exhausted.push(batch),
      handler: async (event: KinesisStreamEvent) => {
        const data = decode(event);
        if (data.includes('poison')) {
          attempts += 1;
          throw new Error('cannot handle poison');
        }
        delivered.push(...data);
      },
    });
    mappings.push(mapping);
    await waitFor(async () => exhausted.length === 1, 'the exhausted batch', 20_000);
    await kinesis().send(
      new PutRecordCommand({ StreamName: 'poison', PartitionKey: 'k', Data: Buffer.from('ok') }),
    );
    await waitFor(async () => delivered.includes('ok'), 'the record after the poison', 20_000);
    expect(attempts).toBe(3);
    expect(exhausted[0]).toMatchObject({
      mapping: 'poison',
      sourceKind: 'Kinesis',
      batchSize: 1,
      attempts: 3,
      error: 'Error: cannot handle poison',
    });
    expect(mapping.stats().exhausted).toBe(1);
  }, 30_000);

  it('delivers DynamoDB stream records as a DynamoDBStreamEvent with new images', async () => {
    const client = createDynamoDbClient({ region, dynamodb: ddb.endpoint });
    await client.send(
      new CreateTableCommand({
        TableName: 'streamed',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      }),
    );
    for (let i = 0; i < 12; i += 1) {
      await client.send(new PutItemCommand({ TableName: 'streamed', Item: { pk: { S: `item-${i}` } } }));
    }
    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'streamed' }));
    const streams = new DynamoDBStreamsClient(clientConfig({ region }, ddb.endpoint));
    const records: DynamoDBStreamEvent['Records'] = [];
    mappings.push(
      startEventSourceMapping({
        name: 'forwarder',
        source: dynamoDbStreamSource(streams, Table!.LatestStreamArn!, region),
        batchSize: 5,
        pollIntervalMs: 50,
        handler: async (event: DynamoDBStreamEvent) => void records.push(...event.Records),
      }),
    );
    await waitFor(async () => records.length === 12, 'twelve stream records', 20_000);
    expect(records.map((r) => r.dynamodb?.NewImage?.pk?.S)).toEqual(
      Array.from({ length: 12 }, (_, i) => `item-${i}`),
    );
    expect(records[0]).toMatchObject({
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      eventSourceARN: Table!.LatestStreamArn,
    });
    expect(typeof records[0]!.dynamodb?.ApproximateCreationDateTime).toBe('number');
  }, 30_000);
});
