import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Account, bankDomain, OpenAccount } from '../../../examples/bank';
import {
  CommandBus,
  conflictBackoffMs,
  defaultConflictRetryPolicy,
  retryOnConflict,
} from '../../../src/application/commands';
import { AggregateRepository } from '../../../src/application/repository';
import { ConcurrencyError } from '../../../src/domain/concurrency-error';
import { hasErrorCode } from '../../../src/domain/errors';
import { readWholeStream } from '../../support/event-store-contract';
import { InMemoryEventStore } from '../../../src/testing/in-memory-event-store';

function setUp(retries = 5) {
  const store = new InMemoryEventStore();
  const repository = new AggregateRepository(store, undefined, bankDomain);
  const sleeps: number[] = [];
  const bus = new CommandBus(bankDomain, repository, {
    retry: { retries, sleep: async (ms) => void sleeps.push(ms) },
  });
  return { store, repository, bus, sleeps };
}

/** Makes the next `times` commits of the bus lose against a competing rename of the given account. */
function competeOn(store: InMemoryEventStore, accountId: string, times: number) {
  let left = times;
  let competing = false;
  store.beforeCommit = async () => {
    if (competing || left === 0) return;
    competing = true;
    left -= 1;
    const streamId = `Account#${accountId}`;
    const version = (await readWholeStream(store, streamId)).length;
    const event = {
      eventId: randomUUID(),
      type: 'HolderNameChanged',
      schemaVersion: 1,
      data: { holderName: `n${left}` },
    };
    await store.commit({
      commitId: randomUUID(),
      streams: [{ streamId, expectedVersion: version, events: [event] }],
    });
    competing = false;
  };
}

async function open(bus: CommandBus, accountId: string, openingBalance: number) {
  return bus.dispatch('OpenAccount', { accountId, holderName: `holder ${accountId}`, openingBalance });
}

describe('CommandBus', () => {
  it('runs a command by name, stores its events and passes the metadata through', async () => {
    const { bus, store } = setUp();
    const metadata = { correlationId: 'corr-1', causationId: 'cause-1', actor: 'alice' };
    const outcome = await bus.dispatch(
      'OpenAccount',
      { accountId: 'a1', holderName: 'Ada', openingBalance: 100 },
      { metadata },
    );
    expect(outcome).toMatchObject({
      command: 'OpenAccount',
      streamId: 'Account#a1',
      version: 1,
      attempts: 1,
    });
    const [stored] = await readWholeStream(store, 'Account#a1');
    expect(stored).toMatchObject({ type: 'AccountOpened', version: 1, metadata });
  });

  it('refuses invalid input with a ValidationError and stores nothing', async () => {
    const { bus, store } = setUp();
    await expect(bus.dispatch('OpenAccount', { accountId: 'a1', openingBalance: -5 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(bus.dispatch('NoSuchCommand', {})).rejects.toMatchObject({ code: 'UNKNOWN_TYPE' });
    expect(store.commits).toBe(0);
  });

  it('runs a command instance and refuses an instance of an unregistered class', async () => {
    const { bus } = setUp();
    const command = Object.assign(new OpenAccount(), {
      accountId: 'i1',
      holderName: 'Ida',
      openingBalance: 1,
    });
    expect((await bus.execute(command)).version).toBe(1);
    class Stray {}
    await expect(bus.execute(new Stray())).rejects.toMatchObject({ code: 'UNKNOWN_TYPE' });
  });

  it('loads the aggregates a command names with @Loads and commits all touched aggregates in one commit', async () => {
    const { bus, store, repository } = setUp();
    await open(bus, 'payer', 1_000);
    await open(bus, 'payee', 0);
    const commitsBefore = store.commits;
    const outcome = await bus.dispatch('Pay', {
      accountId: 'payer',
      payeeAccountId: 'payee',
      paymentId: 'p1',
      amount: 300,
    });
    expect(store.commits - commitsBefore).toBe(1);
    expect(outcome.events.map((e) => [e.streamId, e.type])).toEqual([
      ['Account#payer', 'PaymentSent'],
      ['Account#payee', 'PaymentReceived'],
    ]);
    expect(new Set(outcome.events.map((e) => e.commitId)).size).toBe(1);
    expect((await repository.load(Account, 'payer')).balance).toBe(700);
    expect((await repository.load(Account, 'payee')).balance).toBe(300);
  });

  it('re-loads and retries after a concurrency conflict, with jittered backoff, until it wins', async () => {
    const { bus, store, repository, sleeps } = setUp();
    await open(bus, 'payer', 1_000);
    await open(bus, 'payee', 0);
    competeOn(store, 'payer', 3);
    const outcome = await bus.dispatch('Pay', {
      accountId: 'payer',
      payeeAccountId: 'payee',
      paymentId: 'p1',
      amount: 10,
    });
    expect(outcome.attempts).toBe(4);
    expect(sleeps).toHaveLength(3);
    sleeps.forEach((ms, i) => expect(ms).toBeLessThan(defaultConflictRetryPolicy.baseDelayMs * 2 ** i));
    const payer = await repository.load(Account, 'payer');
    expect(payer.version).toBe(1 + 3 + 1);
    expect(payer.balance).toBe(990);
  });

  it('gives up after the configured retries and rethrows the last ConcurrencyError', async () => {
    const { bus, store, sleeps } = setUp(2);
    await open(bus, 'payer', 1_000);
    await open(bus, 'payee', 0);
    competeOn(store, 'payer', 100);
    const error = await bus
      .dispatch('Pay', { accountId: 'payer', payeeAccountId: 'payee', paymentId: 'p1', amount: 10 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ streamId: 'Account#payer', expectedVersion: 3, actualVersion: 4 });
    expect(sleeps).toHaveLength(2);
    expect((await readWholeStream(store, 'Account#payee')).length).toBe(1);
  });

  it('does not retry a broken business rule', async () => {
    const { bus, sleeps } = setUp();
    await open(bus, 'payer', 5);
    await open(bus, 'payee', 0);
    const pay = { accountId: 'payer', payeeAccountId: 'payee', paymentId: 'p1', amount: 10 };
    await expect(bus.dispatch('Pay', pay)).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
    expect(sleeps).toHaveLength(0);
  });

  it('commits nothing when the handler decides nothing', async () => {
    const { bus, store } = setUp();
    await open(bus, 'same', 0);
    const commits = store.commits;
    const outcome = await bus.dispatch('ChangeHolderName', { accountId: 'same', holderName: 'holder same' });
    expect(outcome).toMatchObject({ events: [], version: 1, commitId: undefined });
    expect(store.commits).toBe(commits);
  });
});

describe('retryOnConflict', () => {
  it('retries conflicts at most `retries` times with full-jitter backoff, and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 6 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        async (failures, retries, random) => {
          const sleeps: number[] = [];
          const policy = {
            ...defaultConflictRetryPolicy,
            retries,
            random: () => random,
            sleep: async (ms: number) => void sleeps.push(ms),
          };
          let attempts = 0;
          const outcome = await retryOnConflict(async () => {
            attempts += 1;
            if (attempts <= failures) throw new ConcurrencyError('S#1', attempts, attempts + 1);
            return 'done';
          }, policy).catch((e: unknown) => e);
          expect(attempts).toBe(Math.min(failures, retries) + 1);
          if (failures <= retries) expect(outcome).toBe('done');
          else
            expect(
              hasErrorCode(outcome, 'CONCURRENCY_CONFLICT') && (outcome as ConcurrencyError).expectedVersion,
            ).toBe(attempts);
          sleeps.forEach((ms, i) => {
            expect(ms).toBe(conflictBackoffMs(i + 1, policy));
            expect(ms).toBeLessThan(Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** i) + 1);
          });
        },
      ),
    );
  });
});
