import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { StoredEvent } from '../../../src/domain/stored-event';
import { createSqsClient } from '../../../src/infrastructure/aws/clients';
import { DynamoDbEventStore } from '../../../src/infrastructure/dynamodb/event-store';
import { DynamoDbReadModelStore } from '../../../src/infrastructure/dynamodb/read-models/dynamodb-read-model-store';
import { ensureTable, readModelTableDefinition } from '../../../src/infrastructure/dynamodb/tables';
import { handleProjectionBatch } from '../../../src/infrastructure/kinesis/projection-batch-handler';
import { type LocalSqs, startLocalSqs } from '../../../src/infrastructure/local/sqs-server';
import { SqsDeadLetters } from '../../../src/infrastructure/sqs/sqs-dead-letters';
import { DocumentProjection } from '../../../src/projections/document-projection';
import { On, Projection } from '../../../src/projections/projection-decorators';
import { FixedPointerStore } from '../../../src/projections/fixed-pointer-store';
import { ProjectionRunner } from '../../../src/projections/projection-runner';
import { redrive } from '../../../src/projections/redrive';
import { InMemoryAnswerJournal } from '../../../src/projections/side-effects';
import { useDynamoDbFixture } from '../../support/dynamodb-fixture';
import {
  AccountDocuments,
  Deposited,
  Opened,
  sampleRegistry,
  Withdrawn,
} from '../../support/projections/sample-projections';
import { kinesisEventOf } from '../../support/kinesis-events';

const registry = sampleRegistry();
const blue = { projection: 'sample-accounts', slot: 'blue' } as const;

async function queueDepth(client: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages ?? -1);
}

describe('poison events: parked in SQS, later events held, redrive releases', () => {
  const ddb = useDynamoDbFixture({ tablePrefix: 'poison-' });
  let sqs: LocalSqs;

  beforeAll(async () => {
    sqs = await startLocalSqs();
  }, 30_000);

  afterAll(() => sqs?.stop());

  it('parks the failing event with its coordinates, lets other aggregates go on, and redrives', async () => {
    const sqsClient = createSqsClient({ region: 'us-east-1', sqs: sqs.endpoint });
    const { QueueUrl } = await sqsClient.send(new CreateQueueCommand({ QueueName: 'projection-dlq' }));
    const deadLetters = new SqsDeadLetters(sqsClient, QueueUrl as string, { visibilityTimeoutSeconds: 60 });
    const store = new DynamoDbEventStore(ddb().client, ddb().config);
    const tableOf = () => 'poison-accounts-blue';
    await ensureTable(ddb().client, readModelTableDefinition('poison-accounts-blue'));
    const readModels = new DynamoDbReadModelStore(ddb().client, tableOf);
    const projection = new AccountDocuments();
    projection.poisoned.add('Acc#p1@2');
    const runner = new ProjectionRunner({
      projections: [projection],
      registry,
      store: readModels,
      eventStore: store,
      pointers: new FixedPointerStore(),
      deadLetters,
      journal: new InMemoryAnswerJournal(),
      maxAttempts: 3,
      retryDelayMs: 1,
    });
    const deps = { runner, pointers: new FixedPointerStore() };
    const append = async (streamId: string, expectedVersion: number, ...events: object[]) =>
      (
        await store.commit({
          commitId: `${streamId}-${expectedVersion}`,
          streams: [
            {
              streamId,
              expectedVersion,
              events: events.map((e, i) => ({
                ...registry.serialize(e),
                eventId: `${streamId}-${expectedVersion + i}`,
              })),
            },
          ],
        })
      ).events;
    const a: StoredEvent[] = [...(await append('Acc#p1', 0, new Opened('ann'), new Deposited(10)))];
    const b: StoredEvent[] = [...(await append('Acc#p2', 0, new Opened('bob'), new Deposited(7)))];
    a.push(...(await append('Acc#p1', 2, new Withdrawn(3), new Deposited(1))));

    const response = await handleProjectionBatch(kinesisEventOf([a[0]!, a[1]!, b[0]!, b[1]!, a[2]!]), deps);
    expect(response.batchItemFailures).toEqual([]);
    await handleProjectionBatch(kinesisEventOf([a[3]!]), deps);

    expect(await readModels.readState(blue, 'Acc#p2')).toMatchObject({
      version: 2,
      document: { balance: 7 },
    });
    expect(await readModels.readState(blue, 'Acc#p1')).toMatchObject({ version: 1, parked: { version: 2 } });
    expect(await queueDepth(sqsClient, QueueUrl!)).toBe(1);
    const [parked] = await deadLetters.receive(10);
    expect(parked?.letter).toMatchObject({
      projection: 'sample-accounts',
      slot: 'blue',
      streamId: 'Acc#p1',
      version: 2,
      eventType: 'SampleDeposited',
      attempts: 3,
      error: 'Error: poisoned Acc#p1',
    });
    await deadLetters.giveBack(parked!.receipt);

    expect(await redrive(runner, deadLetters)).toMatchObject({ received: 2, failedAgain: 1, deferred: 1 });
    expect(await queueDepth(sqsClient, QueueUrl!)).toBe(1);
    expect((await readModels.readState(blue, 'Acc#p1')).version).toBe(1);

    projection.poisoned.clear();
    expect(await redrive(runner, deadLetters)).toMatchObject({ received: 1, released: 1 });
    expect(await readModels.readState(blue, 'Acc#p1')).toEqual({
      version: 4,
      document: { owner: 'ann', currency: 'EUR', balance: 8, movements: 3 },
    });
    expect(await queueDepth(sqsClient, QueueUrl!)).toBe(0);

    await handleProjectionBatch(kinesisEventOf(a), deps);
    expect((await readModels.readState(blue, 'Acc#p1')).document).toMatchObject({ balance: 8 });
    sqsClient.destroy();
  }, 60_000);

  it('parks an event whose document DynamoDB can never hold (over 400 KB) instead of retrying forever', async () => {
    @Projection('huge-documents')
    class HugeDocuments extends DocumentProjection<{ blob: string }> {
      @On(Opened) opened() {
        return { blob: 'x'.repeat(500 * 1024) };
      }
    }
    const sqsClient = createSqsClient({ region: 'us-east-1', sqs: sqs.endpoint });
    const { QueueUrl } = await sqsClient.send(new CreateQueueCommand({ QueueName: 'huge-dlq' }));
    const deadLetters = new SqsDeadLetters(sqsClient, QueueUrl as string);
    await ensureTable(ddb().client, readModelTableDefinition('huge-blue'));
    const store = new DynamoDbEventStore(ddb().client, ddb().config);
    const runner = new ProjectionRunner({
      projections: [new HugeDocuments()],
      registry,
      store: new DynamoDbReadModelStore(ddb().client, () => 'huge-blue'),
      eventStore: store,
      pointers: new FixedPointerStore(),
      deadLetters,
      journal: new InMemoryAnswerJournal(),
    });
    const { events } = await store.commit({
      commitId: 'huge',
      streams: [
        {
          streamId: 'Acc#huge',
          expectedVersion: 0,
          events: [{ ...registry.serialize(new Opened('h')), eventId: 'h1' }],
        },
      ],
    });
    const response = await handleProjectionBatch(kinesisEventOf(events), {
      runner,
      pointers: new FixedPointerStore(),
    });
    expect(response.batchItemFailures).toEqual([]);
    const [letter] = await deadLetters.receive(10);
    expect(letter?.letter).toMatchObject({ projection: 'huge-documents', streamId: 'Acc#huge', version: 1 });
    expect(letter?.letter.error).toMatch(
      /LimitExceededError: read-model item size \(bytes\): \d+ exceeds the limit of 409600/,
    );
    sqsClient.destroy();
  }, 60_000);
});
