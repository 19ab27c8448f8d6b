import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { libraryDomain } from '../../../examples/library';
import { CachedSubjectKeys, PersonalDataCodec, SealingEventStore } from '../../../src';
import { createDynamoDbClient } from '../../../src/infrastructure/aws/clients';
import { DynamoDbEventStore } from '../../../src/infrastructure/dynamodb/event-store';
import { ensureTable, keysTableDefinition } from '../../../src/infrastructure/dynamodb/tables';
import { DynamoDbSubjectKeys } from '../../../src/infrastructure/keys/dynamodb-subject-keys';
import type { KeyWrapper, NewDataKey } from '../../../src/infrastructure/keys/key-wrapper';
import { LocalKeyWrapper } from '../../../src/infrastructure/keys/local-key-wrapper';
import { useDynamoDbFixture } from '../../support/dynamodb-fixture';

/**
 * Many first uses of a new subject's key at once, each from its own container (its own DynamoDB client and key
 * cache) on DynamoDB Local: the conditional create lets one key win and every loser reads and uses it, so every
 * event of every racer decrypts afterwards with the key the table holds. fast-check draws the racers (2 to 8) and
 * the subjects (1 to 3) per run; `EVENTFOLD_KEY_RACE_RUNS` sets the runs.
 */
const RUNS = Number(process.env.EVENTFOLD_KEY_RACE_RUNS ?? 8);
const KEYS_TABLE = 'keyrace-keys';

/** A key wrapper that counts the keys generated (one per subject, plus one per losing racer). */
class CountingWrapper implements KeyWrapper {
  readonly kind: string;
  generated = 0;
  constructor(private readonly inner: KeyWrapper) {
    this.kind = inner.kind;
  }
  generate(subject: string): Promise<NewDataKey> {
    this.generated += 1;
    return this.inner.generate(subject);
  }
  unwrap(subject: string, wrapped: Uint8Array): Promise<Uint8Array> {
    return this.inner.unwrap(subject, wrapped);
  }
}

describe('concurrent first uses of a subject key on DynamoDB Local', () => {
  const ddb = useDynamoDbFixture({ tablePrefix: 'keyrace-' });
  const wrapper = new CountingWrapper(new LocalKeyWrapper(randomBytes(32)));
  beforeAll(() => ensureTable(ddb().client, keysTableDefinition(KEYS_TABLE)), 30_000);

  /** A function container of its own: a client, a key cache, a sealing store. */
  const container = () => {
    const client = createDynamoDbClient(ddb().config.endpoints as { region: string; dynamodb: string });
    const keys = new CachedSubjectKeys(new DynamoDbSubjectKeys(client, KEYS_TABLE, wrapper));
    const codec = new PersonalDataCodec(libraryDomain.personal, keys);
    return {
      client,
      codec,
      store: new SealingEventStore(new DynamoDbEventStore(client, ddb().config), codec),
    };
  };

  it('ends with one key per subject under which every racer encrypted', async () => {
    let run = 0;
    const totals = { runs: 0, events: 0, subjects: 0, losers: 0, unreadable: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 1, max: 3 }),
        async (racers, count) => {
          run += 1;
          const subjects = Array.from({ length: count }, (_, j) => `race${run}-s${j}`);
          const containers = Array.from({ length: racers }, container);
          const generatedBefore = wrapper.generated;
          const letter = (i: number, subject: string) => `letter ${i} to ${subject}`;
          const stored = await Promise.all(
            containers.flatMap(({ store }, i) =>
              subjects.map(async (subject) => {
                const streamId = `Inbox#${subject}.${i}`;
                const data = { memberId: subject, text: letter(i, subject) };
                const event = {
                  eventId: `${streamId}-1`,
                  type: 'LetterSent',
                  schemaVersion: 1,
                  data,
                  metadata: {},
                };
                const commit = {
                  commitId: streamId,
                  streams: [{ streamId, expectedVersion: 0, events: [event] }],
                };
                return (await store.commit(commit)).events[0]!;
              }),
            ),
          );
          const reader = container();
          const texts = await Promise.all(
            stored.map(async (event) => (await reader.codec.reveal(event)).data.text as string),
          );
          const expected = containers.flatMap((_, i) => subjects.map((subject) => letter(i, subject)));
          totals.runs += 1;
          totals.events += stored.length;
          totals.subjects += count;
          totals.losers += wrapper.generated - generatedBefore - count;
          totals.unreadable += texts.filter((t, i) => t !== expected[i]).length;
          [...containers, reader].forEach(({ client }) => client.destroy());
          expect(texts).toEqual(expected);
        },
      ),
      { numRuns: RUNS },
    );
    console.log(`key race: ${JSON.stringify(totals)}`);
    // The races happened: some containers generated a key and lost the conditional create.
    expect(totals.losers).toBeGreaterThan(0);
  }, 180_000);
});
