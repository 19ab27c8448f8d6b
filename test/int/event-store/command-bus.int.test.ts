import { bankDomain } from '../../../examples/bank';
import { Account } from '../../../examples/bank/account';
import { CommandBus } from '../../../src/application/commands';
import { AggregateRepository } from '../../../src/application/repository';
import { DynamoDbEventStore } from '../../../src/infrastructure/dynamodb/event-store';
import { DynamoDbSnapshotStore } from '../../../src/infrastructure/dynamodb/snapshot-store';
import { useDynamoDbFixture } from '../../support/dynamodb-fixture';
import { readWholeStream } from '../../support/event-store-contract';

describe('CommandBus on DynamoDB Local', () => {
  const ddb = useDynamoDbFixture({ tablePrefix: 'bus-' });

  function setUp(retries: number) {
    const store = new DynamoDbEventStore(ddb().client, ddb().config);
    const snapshots = new DynamoDbSnapshotStore(ddb().client, ddb().config);
    const repository = new AggregateRepository(store, snapshots, bankDomain);
    return {
      store,
      repository,
      bus: new CommandBus(bankDomain, repository, { retry: { retries, baseDelayMs: 5 } }),
    };
  }

  it('serves 12 concurrent payments from one account through conflict retries, each commit atomic over both accounts', async () => {
    const { store, repository, bus } = setUp(20);
    await bus.dispatch('OpenAccount', { accountId: 'hub', holderName: 'Hub', openingBalance: 1_200 });
    const payees = Array.from({ length: 12 }, (_, i) => `payee-${i}`);
    for (const accountId of payees)
      await bus.dispatch('OpenAccount', { accountId, holderName: accountId, openingBalance: 0 });

    const outcomes = await Promise.all(
      payees.map((payee, i) =>
        bus.dispatch(
          'Pay',
          { accountId: 'hub', payeeAccountId: payee, paymentId: `pay-${i}`, amount: 100 },
          { metadata: { correlationId: `corr-${i}`, actor: 'tester' } },
        ),
      ),
    );
    const retried = outcomes.filter((o) => o.attempts > 1).length;
    console.info(
      `12 concurrent payments: ${retried} needed retries, attempts ${outcomes.map((o) => o.attempts).join(',')}`,
    );
    expect(retried).toBeGreaterThan(0);
    const hub = await repository.load(Account, 'hub');
    expect(hub.balance).toBe(0);
    expect(hub.version).toBe(13);
    expect((await readWholeStream(store, 'Account#hub')).map((e) => e.version)).toEqual(
      Array.from({ length: 13 }, (_, i) => i + 1),
    );
    for (const [i, payee] of payees.entries()) {
      const [, received] = await readWholeStream(store, `Account#${payee}`);
      expect(received).toMatchObject({
        type: 'PaymentReceived',
        metadata: { correlationId: `corr-${i}`, actor: 'tester' },
      });
      const sent = outcomes[i]!.events.find((e) => e.streamId === 'Account#hub');
      expect(received!.commitId).toBe(sent!.commitId);
    }
  }, 60_000);

  it('rethrows the last ConcurrencyError when the retries run out', async () => {
    const { bus } = setUp(0);
    await bus.dispatch('OpenAccount', { accountId: 'busy', holderName: 'Busy', openingBalance: 0 });
    const renames = Array.from({ length: 8 }, (_, i) =>
      bus.dispatch('ChangeHolderName', { accountId: 'busy', holderName: `name ${i}` }).then(
        () => 'ok',
        (error: { code?: string; streamId?: string }) => `${error.code} ${error.streamId}`,
      ),
    );
    const results = await Promise.all(renames);
    expect(results).toContain('ok');
    expect(results).toContain('CONCURRENCY_CONFLICT Account#busy');
    expect(results.every((r) => r === 'ok' || r === 'CONCURRENCY_CONFLICT Account#busy')).toBe(true);
  });
});
