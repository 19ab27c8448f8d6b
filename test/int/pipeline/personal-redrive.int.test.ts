import { randomBytes } from 'node:crypto';
import { CreateQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import { libraryDomain, MemberRegistered } from '../../../examples/library';
import {
  CachedSubjectKeys,
  DocumentProjection,
  ForgetService,
  On,
  PersonalDataCodec,
  Projection,
  SealingEventStore,
} from '../../../src';
import { createSqsClient } from '../../../src/infrastructure/aws/clients';
import { DynamoDbEventStore } from '../../../src/infrastructure/dynamodb/event-store';
import { DynamoDbReadModelStore } from '../../../src/infrastructure/dynamodb/read-models/dynamodb-read-model-store';
import {
  ensureTable,
  keysTableDefinition,
  readModelTableDefinition,
} from '../../../src/infrastructure/dynamodb/tables';
import { handleProjectionBatch } from '../../../src/infrastructure/kinesis/projection-batch-handler';
import { DynamoDbSubjectKeys } from '../../../src/infrastructure/keys/dynamodb-subject-keys';
import { LocalKeyWrapper } from '../../../src/infrastructure/keys/local-key-wrapper';
import { type LocalSqs, startLocalSqs } from '../../../src/infrastructure/local/sqs-server';
import { SqsDeadLetters } from '../../../src/infrastructure/sqs/sqs-dead-letters';
import { FixedPointerStore } from '../../../src/projections/fixed-pointer-store';
import { ProjectionRunner } from '../../../src/projections/projection-runner';
import { redrive } from '../../../src/projections/redrive';
import { InMemoryAnswerJournal } from '../../../src/projections/side-effects';
import { useDynamoDbFixture } from '../../support/dynamodb-fixture';
import { kinesisEventOf } from '../../support/kinesis-events';

/**
 * On the emulators (DynamoDB Local, the local SQS): a registration whose projection handler fails, quoting the name,
 * is parked; the queue's raw message holds no plaintext; the member is forgotten; the redrive delivers the event
 * and the read model stores the replacement, never the name. Names by fast-check; `EVENTFOLD_SHRED_RUNS` sets runs.
 */
const RUNS = Math.min(Number(process.env.EVENTFOLD_SHRED_RUNS ?? 4), 10);
let poisoned = false;

@Projection('member-cards')
class MemberCards extends DocumentProjection<{ name: string }> {
  @On(MemberRegistered) registered(_: unknown, e: MemberRegistered): { name: string } {
    if (poisoned) throw new Error(`no card for ${e.name}`);
    return { name: e.name };
  }
}

describe('a parked event of a forgotten subject, redriven on the emulators', () => {
  const ddb = useDynamoDbFixture({ tablePrefix: 'pdredrive-' });
  let sqs: LocalSqs;
  beforeAll(async () => {
    sqs = await startLocalSqs();
    await ensureTable(ddb().client, keysTableDefinition('pdredrive-keys'));
    await ensureTable(ddb().client, readModelTableDefinition('pdredrive-cards'));
  }, 30_000);
  afterAll(() => sqs?.stop());

  it('parks no plaintext and stores the replacement after the redrive', async () => {
    const sqsClient = createSqsClient({ region: 'us-east-1', sqs: sqs.endpoint });
    const { QueueUrl } = await sqsClient.send(new CreateQueueCommand({ QueueName: 'pd-dlq' }));
    const deadLetters = new SqsDeadLetters(sqsClient, QueueUrl as string);
    const wrapper = new LocalKeyWrapper(randomBytes(32));
    const keys = new CachedSubjectKeys(new DynamoDbSubjectKeys(ddb().client, 'pdredrive-keys', wrapper));
    const codec = new PersonalDataCodec(libraryDomain.personal, keys);
    const store = new SealingEventStore(new DynamoDbEventStore(ddb().client, ddb().config), codec);
    const readModels = new DynamoDbReadModelStore(ddb().client, () => 'pdredrive-cards');
    const runner = new ProjectionRunner({
      projections: [new MemberCards()],
      registry: libraryDomain.events,
      store: readModels,
      eventStore: store,
      pointers: new FixedPointerStore(),
      deadLetters,
      journal: new InMemoryAnswerJournal(),
      retryDelayMs: 1,
      reveal: (event) => codec.reveal(event),
    });
    const deps = { runner, pointers: new FixedPointerStore() };
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Z][a-z]{3,10}$/), async (first) => {
        const [name, memberId] = [`${first}Qx`, `pd${(run += 1)}`];
        const data = { memberId, name, email: null };
        const event = {
          eventId: `reg-${memberId}`,
          type: 'MemberRegistered',
          schemaVersion: 1,
          data,
          metadata: {},
        };
        const streamId = `Member#${memberId}`;
        const { events } = await store.commit({
          commitId: `reg-${memberId}`,
          streams: [{ streamId, expectedVersion: 0, events: [event] }],
        });
        poisoned = true;
        expect((await handleProjectionBatch(kinesisEventOf(events), deps)).batchItemFailures).toEqual([]);
        const raw = await sqsClient.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 0 }));
        expect(raw.Messages).toHaveLength(1);
        expect(raw.Messages![0]!.Body).not.toContain(name);
        expect(raw.Messages![0]!.Body).toContain('message withheld');
        expect(JSON.parse(raw.Messages![0]!.Body!)).toMatchObject({ streamId, version: 1, attempts: 3 });
        const blue = { projection: 'member-cards', slot: 'blue' } as const;
        // The parked mark in the read-model table carries the same withheld error.
        const mark = await readModels.readState(blue, streamId);
        expect(mark).toMatchObject({ version: 0, parked: { version: 1 } });
        expect(JSON.stringify(mark)).not.toContain(name);

        await new ForgetService(keys, store).forget(memberId);
        poisoned = false;
        expect(await redrive(runner, deadLetters)).toMatchObject({ received: 1, released: 1 });
        expect(await readModels.readState(blue, streamId)).toEqual({
          version: 1,
          document: { name: '(forgotten)' },
        });
      }),
      { numRuns: RUNS },
    );
    sqsClient.destroy();
  }, 120_000);
});
