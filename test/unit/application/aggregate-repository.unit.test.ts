import { Account, bankDomain } from '../../../examples/bank';
import { AccountOpened, PaymentReceived } from '../../../examples/bank/events';
import { AggregateRepository, SHORT_STREAM } from '../../../src/application/repository';
import { snapshotTagOf } from '../../../src/domain/snapshots';
import { InMemoryEventStore, InMemorySnapshotStore } from '../../../src/testing/in-memory-event-store';

/** Records events on an account without a command (its `apply` is protected), to build histories quickly. */
function record(account: Account, ...events: object[]): Account {
  events.forEach((event) => (account as unknown as { apply(e: object): void }).apply(event));
  return account;
}

function receipts(count: number, from = 0): PaymentReceived[] {
  return Array.from({ length: count }, (_, i) => new PaymentReceived(`p${from + i}`, 'other', 1));
}

describe('AggregateRepository', () => {
  const setUp = () => {
    const store = new InMemoryEventStore();
    const snapshots = new InMemorySnapshotStore();
    const logged: unknown[][] = [];
    const logger = {
      error: (...args: unknown[]) => logged.push(args),
      warn: (...args: unknown[]) => logged.push(args),
    };
    const repository = new AggregateRepository(store, snapshots, bankDomain, { logger: logger as never });
    return { store, snapshots, repository, logged };
  };

  it('takes a snapshot when a save crosses a multiple of snapshotEvery, and loads from it', async () => {
    const { store, snapshots, repository } = setUp();
    const account = record(new Account('a'), new AccountOpened('a', 'Ada', 0), ...receipts(98));
    await repository.save(account);
    expect(snapshots.saved).toHaveLength(0);
    await repository.save(record(account, ...receipts(5, 98)));
    expect(snapshots.saved.map((s) => [s.version, s.tag])).toEqual([[104, snapshotTagOf(Account)]]);
    await repository.save(record(account, ...receipts(7, 103)));
    store.eventsRead = 0;
    const loaded = await repository.load(Account, 'a');
    // The first SHORT_STREAM events tell the stream is long; then the snapshot at 104 and the 7 events after it.
    expect(store.eventsRead).toBe(SHORT_STREAM + 7);
    expect(loaded.version).toBe(111);
    expect(loaded.balance).toBe(110);
  });

  it('keeps a save that succeeded when the snapshot write fails, and logs the failure', async () => {
    const { store, snapshots, repository, logged } = setUp();
    snapshots.failWrites = true;
    const account = record(new Account('b'), new AccountOpened('b', 'Bo', 0), ...receipts(120));
    const result = await repository.save(account);
    expect(result?.events).toHaveLength(121);
    expect(account.loadedVersion).toBe(121);
    expect(logged).toHaveLength(1);
    expect((await repository.load(Account, 'b')).balance).toBe(120);
    expect(store.commits).toBe(1);
  });

  it('saves several aggregates in one commit and nothing when none recorded an event', async () => {
    const { store, repository } = setUp();
    const a = record(new Account('x'), new AccountOpened('x', 'X', 1));
    const b = record(new Account('y'), new AccountOpened('y', 'Y', 2));
    const result = await repository.save([a, b, a], { metadata: { actor: 'bob' } });
    expect(result?.events.map((e) => [e.streamId, e.metadata.actor])).toEqual([
      ['Account#x', 'bob'],
      ['Account#y', 'bob'],
    ]);
    expect(await repository.save([a, b])).toBeUndefined();
    expect(store.commits).toBe(1);
  });
});
