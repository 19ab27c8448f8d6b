import { randomBytes } from 'node:crypto';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { libraryDomain } from '../../../examples/library';
import { CachedSubjectKeys, ForgetService, PersonalDataCodec, SealingEventStore } from '../../../src';
import { createDynamoDbClient } from '../../../src/infrastructure/aws/clients';
import { DynamoDbEventStore } from '../../../src/infrastructure/dynamodb/event-store';
import { ensureTable, keysTableDefinition } from '../../../src/infrastructure/dynamodb/tables';
import { DynamoDbSubjectKeys } from '../../../src/infrastructure/keys/dynamodb-subject-keys';
import { LocalKeyWrapper } from '../../../src/infrastructure/keys/local-key-wrapper';
import { useDynamoDbFixture } from '../../support/dynamodb-fixture';

/**
 * Issue 27's race on DynamoDB Local: a member registers, then is forgotten by one container while other containers
 * (each its own client and key cache) commit letters holding the name they read before the forget, some once the
 * forget is done, some racing it. Afterwards the keys table holds a tombstone and no key, no container is given a
 * key, and every letter reads as the replacement. `EVENTFOLD_FORGET_TOMBSTONE_RUNS` sets the runs.
 */
const RUNS = Number(process.env.EVENTFOLD_FORGET_TOMBSTONE_RUNS ?? 8);
const KEYS_TABLE = 'tomb-keys';

describe('a forget racing late commits of personal data on DynamoDB Local', () => {
  const ddb = useDynamoDbFixture({ tablePrefix: 'tomb-' });
  const wrapper = new LocalKeyWrapper(randomBytes(32));
  beforeAll(() => ensureTable(ddb().client, keysTableDefinition(KEYS_TABLE)), 30_000);

  const container = () => {
    const client = createDynamoDbClient(ddb().config.endpoints as { region: string; dynamodb: string });
    const keys = new CachedSubjectKeys(new DynamoDbSubjectKeys(client, KEYS_TABLE, wrapper));
    const codec = new PersonalDataCodec(libraryDomain.personal, keys);
    const store = new SealingEventStore(new DynamoDbEventStore(client, ddb().config), codec);
    return { client, keys, codec, store };
  };
  type Container = ReturnType<typeof container>;

  const commit = (c: Container, streamId: string, type: string, data: Record<string, unknown>) =>
    c.store.commit({
      commitId: `${streamId}-1`,
      streams: [
        {
          streamId,
          expectedVersion: 0,
          events: [{ eventId: `${streamId}-1`, type, schemaVersion: 1, data, metadata: {} }],
        },
      ],
    });

  it('leaves a tombstone, no key, and letters that read as the replacement', async () => {
    let run = 0;
    const seen = { runs: 0, letters: 0, racing: 0, keysLeft: 0, readable: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 3, maxLength: 30 }),
        fc.array(fc.boolean(), { minLength: 0, maxLength: 4 }),
        async (name, racingFlags) => {
          run += 1;
          const subject = `tomb${run}`;
          const [registrar, forgetter, reader] = [container(), container(), container()];
          await commit(registrar, `Member#${subject}`, 'MemberRegistered', {
            memberId: subject,
            name,
            email: null,
          });
          // The first late letter always comes after the forget (the reported case); the others race it or follow.
          const flags = [false, ...racingFlags];
          const late = flags.map(() => container());
          const letter = (i: number) =>
            commit(late[i]!, `Inbox#${subject}.${i}`, 'LetterSent', {
              memberId: subject,
              text: `Welcome, ${name}!`,
            });
          const racing = flags.flatMap((racy, i) => (racy ? [letter(i)] : []));
          await new ForgetService(forgetter.keys, forgetter.store).forget(subject);
          const after = await Promise.all(flags.flatMap((racy, i) => (racy ? [] : [letter(i)])));
          const stored = [...(await Promise.all(racing)), ...after].map((r) => r.events[0]!);

          const { Item } = await ddb().client.send(
            new GetItemCommand({
              TableName: KEYS_TABLE,
              Key: { subject: { S: subject } },
              ConsistentRead: true,
            }),
          );
          const texts = await Promise.all(stored.map(async (e) => (await reader.codec.reveal(e)).data.text));
          seen.runs += 1;
          seen.letters += stored.length;
          seen.racing += racing.length;
          seen.keysLeft += Item?.wrappedKey ? 1 : 0;
          seen.readable += texts.filter((t) => t !== '').length;
          const newcomer = container();
          const given = await newcomer.keys.keyFor(subject);
          [registrar, forgetter, reader, newcomer, ...late].forEach((c) => c.client.destroy());
          expect(Item?.wrappedKey).toBeUndefined();
          expect(Item?.forgottenAt?.S).toBeDefined();
          expect(given).toBeUndefined();
          expect(texts).toEqual(stored.map(() => ''));
        },
      ),
      { numRuns: RUNS },
    );
    console.log(`forget tombstone: ${JSON.stringify(seen)}`);
  }, 180_000);
});
