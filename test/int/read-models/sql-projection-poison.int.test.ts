import type { StoredEvent } from '../../../src/domain/stored-event';
import { PgliteSqlClient } from '../../../src/infrastructure/sql/pglite-sql-client';
import { Projection } from '../../../src/projections/projection-decorators';
import { ProjectionRunner } from '../../../src/projections/projection-runner';
import { InMemoryDeadLetters, redrive } from '../../../src/projections/redrive';
import { InMemoryAnswerJournal } from '../../../src/projections/side-effects';
import { SqlReadModelReader } from '../../../src/projections/sql/sql-read-model-reader';
import { SqlReadModelStore } from '../../../src/projections/sql/sql-read-model-store';
import { sql } from '../../../src/projections/sql/sql-template';
import { FixedPointerStore } from '../../../src/projections/fixed-pointer-store';
import { InMemoryEventStore } from '../../../src/testing/in-memory-event-store';
import { Deposited, Opened, sampleRegistry } from '../../support/projections/sample-projections';
import { SqlAccounts, sqlAccountsFold } from '../../unit/projections/sample-sql-projection';

jest.setTimeout(60_000);

/** SqlAccounts with a balance limit in its schema: a deposit over it is refused by the database. */
@Projection('sample-sql-strict')
class StrictAccounts extends SqlAccounts {
  override readonly migrations = [
    ...new SqlAccounts().migrations,
    { version: 3, up: sql`ALTER TABLE accounts ADD CONSTRAINT balance_limit CHECK (balance < 1000)` },
  ];
}

const registry = sampleRegistry();
let client: PgliteSqlClient;
beforeAll(async () => {
  client = await PgliteSqlClient.open();
});
afterAll(() => client.close());

async function history(
  store: InMemoryEventStore,
  streamId: string,
  events: object[],
): Promise<StoredEvent[]> {
  const newEvents = events.map((e, i) => ({
    ...registry.serialize(e),
    eventId: `${streamId}-${i}`,
    metadata: {},
  }));
  const committed = await store.commit({
    commitId: `c-${streamId}`,
    streams: [{ streamId, expectedVersion: 0, events: newEvents }],
  });
  return [...committed.events];
}

function setup(projection: SqlAccounts, prefix: string) {
  const events = new InMemoryEventStore(() => Date.UTC(2026, 10, 22, 12));
  const store = new SqlReadModelStore(client, [projectionOf(projection)], { schemaPrefix: prefix });
  const deadLetters = new InMemoryDeadLetters();
  const runner = new ProjectionRunner({
    projections: [projection],
    registry,
    store,
    eventStore: events,
    deadLetters,
    journal: new InMemoryAnswerJournal(),
    pointers: new FixedPointerStore(),
    retryDelayMs: 0,
  });
  const reader = new SqlReadModelReader(client, (t) => store.schemaOf(t));
  return { events, store, deadLetters, runner, reader };
}

function projectionOf(p: SqlAccounts) {
  return {
    name: p instanceof StrictAccounts ? 'sample-sql-strict' : 'sample-sql-accounts',
    migrations: p.migrations,
  };
}

it('parks an event whose handler throws; later events wait; a redrive after the fix catches up to the fold', async () => {
  const projection = new SqlAccounts();
  const { events, deadLetters, runner, reader } = setup(projection, 'poison_');
  projection.poisoned.add('Acc#a@3');
  const a = await history(events, 'Acc#a', [
    new Opened('ann'),
    new Deposited(5),
    new Deposited(7),
    new Deposited(9),
  ]);
  const b = await history(events, 'Acc#b', [new Opened('bob'), new Deposited(3)]);
  await runner.deliver({ events: [...a, ...b] });
  expect(deadLetters.letters).toMatchObject([
    { projection: 'sample-sql-accounts', streamId: 'Acc#a', version: 3 },
  ]);
  const target = { projection: 'sample-sql-accounts', slot: 'blue' } as const;
  const parked = await reader.dump(target);
  expect(parked.versions).toEqual({ 'Acc#a': 2, 'Acc#b': 2 });
  expect(parked.tables.accounts?.find((r) => r.stream_id === 'Acc#a')).toMatchObject({ balance: 5 });
  projection.poisoned.clear();
  expect(await redrive(runner, deadLetters)).toMatchObject({ released: 1 });
  const after = await reader.dump(target);
  expect({ accounts: after.tables.accounts, day_totals: after.tables.day_totals }).toEqual(
    await sqlAccountsFold(registry, [a, b]),
  );
  expect(after.versions).toEqual({ 'Acc#a': 4, 'Acc#b': 2 });
});

it('parks an event the database refuses (a CHECK constraint) with READ_MODEL_REJECTED; other streams go on', async () => {
  const projection = new StrictAccounts();
  const { events, deadLetters, runner, reader } = setup(projection, 'refused_');
  const a = await history(events, 'Acc#a', [
    new Opened('ann'),
    new Deposited(5),
    new Deposited(2_000),
    new Deposited(1),
  ]);
  const b = await history(events, 'Acc#b', [new Opened('bob'), new Deposited(3)]);
  await runner.deliver({ events: [...a, ...b] });
  expect(deadLetters.letters).toHaveLength(1);
  expect(deadLetters.letters[0]).toMatchObject({ streamId: 'Acc#a', version: 3, attempts: 1 });
  expect(deadLetters.letters[0]?.error).toMatch(/READ_MODEL_REJECTED|refused statement 1 of Acc#a v3.*23514/);
  const dump = await reader.dump({ projection: 'sample-sql-strict', slot: 'blue' });
  expect(dump.versions).toEqual({ 'Acc#a': 2, 'Acc#b': 2 });
  expect(dump.tables.accounts).toEqual([
    { stream_id: 'Acc#a', owner: 'ann', currency: 'EUR', balance: 5, movements: 1 },
    { stream_id: 'Acc#b', owner: 'bob', currency: 'EUR', balance: 3, movements: 1 },
  ]);
  expect(dump.tables.day_totals).toEqual([{ day: '2026-11-22', deposited: 8, withdrawn: 0, movements: 2 }]);
});
