import { IsInt, IsString, Max, Min } from 'class-validator';
import {
  Aggregate,
  AggregateId,
  AggregateRoot,
  Apply,
  Command,
  CommandHandler,
  defineDomain,
  DomainEvent,
  snapshotTagOf,
} from '../../../src';
import { AggregateRepository, SHORT_STREAM } from '../../../src/application/repository';
import { DynamoDbEventStore } from '../../../src/infrastructure/dynamodb/event-store';
import { DynamoDbSnapshotStore } from '../../../src/infrastructure/dynamodb/snapshot-store';
import { useDynamoDbFixture } from '../../support/dynamodb-fixture';
import { eventWrites, observedClient } from '../../support/observed-client';

@DomainEvent('Counted', 1)
class Counted {
  constructor(readonly by: number) {}
}

@Command('CountMany')
class CountMany {
  @AggregateId() @IsString() tallyId!: string;
  @IsInt() @Min(1) @Max(99) times!: number;
}

@AggregateRoot('Tally', { snapshotEvery: 100 })
class Tally extends Aggregate {
  total = 0;
  counts = 0;

  @CommandHandler(CountMany, { creates: false })
  countMany(cmd: CountMany): void {
    for (let i = 0; i < cmd.times; i++) this.apply(new Counted(i + 1));
  }

  /** Records events without a command, to write long histories quickly. */
  record(times: number): this {
    for (let i = 0; i < times; i++) this.apply(new Counted(i + 1));
    return this;
  }

  @Apply(Counted)
  onCounted(event: Counted): void {
    this.total += event.by;
    this.counts += 1;
  }
}

const model = defineDomain({ aggregates: [Tally] });

describe('AggregateRepository on DynamoDB Local', () => {
  const ddb = useDynamoDbFixture({ tablePrefix: 'repository-' });
  const stores = () => {
    const events = new DynamoDbEventStore(ddb().client, ddb().config);
    const snapshots = new DynamoDbSnapshotStore(ddb().client, ddb().config);
    return { events, snapshots, repository: new AggregateRepository(events, snapshots, model) };
  };

  it('loads an aggregate of over 10,000 events, snapshotted every 100, reading its first events and at most 99 more', async () => {
    const { events, snapshots, repository } = stores();
    const tally = new Tally('big');
    for (let commit = 0; commit < 200; commit++) await repository.save(tally.record(50));
    await repository.save(tally.record(99));
    expect(tally.loadedVersion).toBe(10_099);

    const snapshot = await snapshots.load(tally.streamId, snapshotTagOf(Tally));
    expect(snapshot?.version).toBe(10_000);
    const before = events.reads.itemsRead;
    const loaded = await repository.load(Tally, 'big');
    const eventsRead = events.reads.itemsRead - before;
    console.info(`loading Tally#big at version ${loaded.version} read ${eventsRead} events`);
    // The first SHORT_STREAM events tell the stream is long; then the snapshot at 10,000 and the 99 events after it.
    expect(eventsRead).toBe(SHORT_STREAM + 99);
    expect(loaded.version).toBe(10_099);
    expect(loaded.snapshotState()).toEqual(tally.snapshotState());

    const withoutSnapshots = new AggregateRepository(events, undefined, model);
    const fromEvents = events.reads.itemsRead;
    const replayed = await withoutSnapshots.load(Tally, 'big');
    expect(events.reads.itemsRead - fromEvents).toBe(10_099);
    expect(replayed.snapshotState()).toEqual(tally.snapshotState());
  }, 150_000);

  it('ignores a snapshot whose tag does not match the aggregate class', async () => {
    const { events, snapshots, repository } = stores();
    const tally = new Tally('tagged');
    await repository.save(tally.record(60));
    await repository.save(tally.record(60));
    await snapshots.save({
      streamId: tally.streamId,
      version: 999,
      tag: 'Tally:stale',
      state: { total: -1, counts: 999 },
      takenAt: '',
    });
    const before = events.reads.itemsRead;
    const loaded = await repository.load(Tally, 'tagged');
    expect(events.reads.itemsRead - before).toBe(SHORT_STREAM);
    expect(loaded.snapshotState()).toEqual(tally.snapshotState());
    expect(loaded.total).not.toBe(-1);
  });

  it('never moves a snapshot back to an older version', async () => {
    const { snapshots } = stores();
    const tag = snapshotTagOf(Tally);
    await snapshots.save({ streamId: 'Tally#race', version: 200, tag, state: { total: 2 }, takenAt: 't2' });
    await snapshots.save({ streamId: 'Tally#race', version: 100, tag, state: { total: 1 }, takenAt: 't1' });
    expect(await snapshots.load('Tally#race', tag)).toMatchObject({ version: 200, state: { total: 2 } });
  });

  it('refuses a snapshot over 400 KB with a LimitExceededError naming the limit', async () => {
    const { snapshots } = stores();
    const huge = {
      streamId: 'Tally#huge',
      version: 1,
      tag: 't',
      state: { blob: 'x'.repeat(410_000) },
      takenAt: '',
    };
    await expect(snapshots.save(huge)).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'snapshot item size in bytes',
    });
  });

  it('commits a save even when the snapshot write fails, and logs the failure', async () => {
    const { events } = stores();
    const failing = {
      load: async () => undefined,
      save: async () => {
        throw new Error('snapshot table unavailable');
      },
    };
    const logged: unknown[] = [];
    const logger = { error: (...args: unknown[]) => logged.push(args), warn: () => undefined };
    const repository = new AggregateRepository(events, failing, model, { logger: logger as never });
    const tally = new Tally('unlucky');
    const result = await repository.save(tally.record(100));
    expect(result?.events.length).toBe(100);
    expect(tally.loadedVersion).toBe(100);
    expect(logged).toHaveLength(1);
    expect((await new AggregateRepository(events, undefined, model).load(Tally, 'unlucky')).counts).toBe(100);
  });

  it('saves a loaded or saved aggregate single event with one conditional PutItem, no transaction', async () => {
    const { client, requests } = observedClient(ddb().config.endpoints, ddb().config.controlTable);
    try {
      const repository = new AggregateRepository(
        new DynamoDbEventStore(client, ddb().config),
        undefined,
        model,
      );
      const tally = new Tally('fast');
      await repository.save(tally.record(1));
      await repository.save(tally.record(1));
      const loaded = await repository.load(Tally, 'fast');
      await repository.save(loaded.record(1));
      await repository.save(loaded.record(3));
      expect(eventWrites(requests)).toEqual([
        'PutItemCommand',
        'PutItemCommand',
        'PutItemCommand',
        'TransactWriteItemsCommand',
      ]);
      expect((await repository.load(Tally, 'fast')).version).toBe(6);
    } finally {
      client.destroy();
    }
  });
});
