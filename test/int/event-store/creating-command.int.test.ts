import fc from 'fast-check';
import { bankDomain } from '../../../examples/bank';
import { CommandBus } from '../../../src/application/commands';
import { AggregateRepository } from '../../../src/application/repository';
import { DynamoDbEventStore } from '../../../src/infrastructure/dynamodb/event-store';
import { DynamoDbSnapshotStore } from '../../../src/infrastructure/dynamodb/snapshot-store';
import { useDynamoDbFixture } from '../../support/dynamodb-fixture';
import { readWholeStream } from '../../support/event-store-contract';
import { commandNames, observedClient } from '../../support/observed-client';

describe('a command on a creating handler, on DynamoDB Local', () => {
  const ddb = useDynamoDbFixture({ tablePrefix: 'creating-' });
  let run = 0;

  function setUp() {
    const { client, requests } = observedClient(ddb().config.endpoints, ddb().config.controlTable);
    const store = new DynamoDbEventStore(client, ddb().config);
    const repository = new AggregateRepository(
      store,
      new DynamoDbSnapshotStore(client, ddb().config),
      bankDomain,
    );
    const bus = new CommandBus(bankDomain, repository, { retry: { retries: 3, baseDelayMs: 1 } });
    return { client, requests, store, bus };
  }

  const open = (accountId: string, openingBalance = 100) =>
    ({ accountId, holderName: `Holder ${accountId}`, openingBalance }) as const;

  it('creates with one conditional PutItem, and refuses an existing aggregate with RULE_VIOLATION, storing nothing (property)', async () => {
    const { client, requests, store, bus } = setUp();
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,30}$/),
          fc.nat({ max: 4 }),
          fc.integer({ min: 0, max: 1_000_000 }),
          async (id, history, openingBalance) => {
            const accountId = `${(run += 1)}-${id}`;
            if (history > 0) await bus.dispatch('OpenAccount', open(accountId));
            for (let k = 1; k < history; k += 1) {
              await bus.dispatch('ChangeHolderName', { accountId, holderName: `name ${k}` });
            }
            requests.length = 0;
            const attempt = bus.dispatch('OpenAccount', open(accountId, openingBalance));
            if (history === 0) {
              await expect(attempt).resolves.toMatchObject({ version: 1, attempts: 1 });
              expect(commandNames(requests)).toEqual(['PutItemCommand']);
            } else {
              await expect(attempt).rejects.toMatchObject({
                code: 'RULE_VIOLATION',
                context: { streamId: `Account#${accountId}` },
              });
            }
            const stored = await readWholeStream(store, `Account#${accountId}`);
            expect(stored.map((event) => event.version)).toEqual(
              Array.from({ length: Math.max(history, 1) }, (_, i) => i + 1),
            );
            expect(stored[0]!.data).toMatchObject({ openingBalance: history === 0 ? openingBalance : 100 });
          },
        ),
        { numRuns: 40 },
      );
    } finally {
      client.destroy();
    }
  }, 90_000);

  it('lets exactly one of concurrent creators of an aggregate win; every other one gets RULE_VIOLATION (property)', async () => {
    const { client, store, bus } = setUp();
    try {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 2, max: 8 }), async (creators) => {
          const accountId = `race-${(run += 1)}`;
          const outcomes = await Promise.allSettled(
            Array.from({ length: creators }, (_, i) => bus.dispatch('OpenAccount', open(accountId, i))),
          );
          const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
          const refused = outcomes.flatMap((outcome) =>
            outcome.status === 'rejected' ? [outcome.reason] : [],
          );
          expect(won).toHaveLength(1);
          expect(refused).toHaveLength(creators - 1);
          for (const reason of refused) expect(reason).toMatchObject({ code: 'RULE_VIOLATION' });
          expect(await readWholeStream(store, `Account#${accountId}`)).toHaveLength(1);
        }),
        { numRuns: 10 },
      );
    } finally {
      client.destroy();
    }
  }, 90_000);
});
