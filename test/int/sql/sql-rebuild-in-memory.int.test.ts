import { ContainerModule, inject, injectable } from 'inversify';
import { ordersDomain } from '../../../examples/orders';
import { OrderCreated, OrderUpdated } from '../../../examples/orders/events';
import { defineEventfoldApp } from '../../../src/infrastructure/container/eventfold-app';
import { type ApplyContext, On, Projection } from '../../../src/projections';
import { SqlProjection, type SqlWriter } from '../../../src/projections/sql/sql-projection';
import { sql } from '../../../src/projections/sql/sql-template';
import type { TableSlot } from '../../../src/projections/table-pointer';
import { type InMemoryApp, inMemoryApp } from '../../../src/testing/in-memory-app';

/** What the test changes between rebuilds: the weight of an update (a new handler), and where applying fails. */
@injectable()
class TallySettings {
  weight = 1;
  readonly failing = new Map<string, TableSlot>();
}

/** A rebuildable SQL tally of each order's updates, each counted with the current weight. */
@injectable()
@Projection('order-tallies', { rebuildable: true })
class OrderTallies extends SqlProjection {
  readonly migrations = [
    {
      version: 1,
      up: sql`CREATE TABLE tallies (order_id text PRIMARY KEY, updates integer NOT NULL, weight integer NOT NULL)`,
    },
  ];

  constructor(@inject(TallySettings) private readonly settings: TallySettings) {
    super();
  }

  @On(OrderCreated) created(e: OrderCreated, db: SqlWriter, ctx: ApplyContext) {
    if (this.settings.failing.get(ctx.streamId) === ctx.slot) throw new Error(`cannot tally ${e.orderId}`);
    db.run(
      sql`INSERT INTO tallies (order_id, updates, weight) VALUES (${e.orderId}, 0, ${this.settings.weight})`,
    );
  }

  @On(OrderUpdated) updated(e: OrderUpdated, db: SqlWriter) {
    db.run(sql`UPDATE tallies SET updates = updates + ${this.settings.weight} WHERE order_id = ${e.orderId}`);
  }
}

const projection = 'order-tallies';
const lines = [{ sku: 'a', quantity: 1 }];
let app: InMemoryApp;
let settings: TallySettings;

beforeEach(async () => {
  const bindings = new ContainerModule(({ bind }) => void bind(TallySettings).toSelf().inSingletonScope());
  app = await inMemoryApp(
    defineEventfoldApp({ domain: ordersDomain, projections: [OrderTallies], bindings }),
  );
  settings = app.container.get(TallySettings);
});
afterEach(() => app?.stop());

/** What readers see: the tallies of the active schema, through the app's SQL read. */
async function tallies(): Promise<Record<string, number>> {
  const { rows } = await app.sql<{ order_id: string; updates: number }>(
    OrderTallies,
    sql`SELECT order_id, updates FROM tallies ORDER BY order_id`,
  );
  return Object.fromEntries(rows.map((r) => [r.order_id, Number(r.updates)]));
}

async function updates(orderId: string, times: number) {
  for (let i = 0; i < times; i++) await app.command('UpdateOrder', { orderId, lines });
}

/** Waits, each turn, until `check` holds; fails after `ms`. */
async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('a blue/green rebuild of a SQL projection in the in-memory app (PGlite)', () => {
  it('fills a fresh standby schema (live events too), flips, and a second rebuild starts from an empty schema', async () => {
    for (const id of ['a', 'b']) await app.command('CreateOrder', { orderId: id, customerId: 'c', lines });
    await updates('a', 2);
    settings.weight = 10;
    await app.rebuilds.start(projection);
    // Live while the standby fills: the pointer says rebuilding, so these reach both schemas.
    await updates('b', 1);
    await app.command('CreateOrder', { orderId: 'c', customerId: 'c', lines });
    await app.replaysIdle();
    const first = await app.rebuilds.status(projection);
    expect(first.pointer).toMatchObject({ active: 'green', previous: 'blue' });
    expect(first.rebuild).toMatchObject({ state: 'FLIPPED', lagging: 0 });
    expect(await tallies()).toEqual({ a: 20, b: 10, c: 0 });

    // The new handler again: the rebuild empties blue (the previous schema, with weight-1 rows and gates at the
    // stored versions) and fills it anew; an uncleared schema would keep its gates and skip every replayed event.
    settings.weight = 100;
    expect(await app.rebuild(OrderTallies)).toMatchObject({
      pointer: { active: 'blue', previous: 'green' },
      rebuild: { state: 'FLIPPED' },
    });
    expect(await tallies()).toEqual({ a: 200, b: 100, c: 0 });
  }, 60_000);

  it('levels the previous schema before a rollback moves readers back, so no tally goes back', async () => {
    await app.command('CreateOrder', { orderId: 'a', customerId: 'c', lines });
    await app.rebuild(OrderTallies);
    // After the flip only green (active) is fed: blue falls behind on these.
    await updates('a', 2);
    await app.command('CreateOrder', { orderId: 'b', customerId: 'c', lines });
    const before = await tallies();

    const rolled = await app.rollback(OrderTallies);

    expect(rolled.republished).toBe(3);
    expect(rolled.pointer).toMatchObject({ active: 'blue', previous: 'green' });
    expect(rolled.rebuild).toMatchObject({ state: 'ROLLED_BACK' });
    expect(before).toEqual({ a: 2, b: 0 });
    expect(await tallies()).toEqual(before);
  }, 60_000);

  it('holds the flip while the standby schema is behind, and an abort leaves readers on the active schema', async () => {
    await app.command('CreateOrder', { orderId: 'a', customerId: 'c', lines });
    await app.command('CreateOrder', { orderId: 'b', customerId: 'c', lines });
    await updates('b', 1);
    settings.failing.set('Order#b', 'green');
    await app.rebuilds.start(projection);
    await until(async () => {
      const { rebuild } = await app.rebuilds.status(projection);
      return rebuild?.state === 'GATING' && rebuild.gateChecks >= 3;
    });
    const gating = await app.rebuilds.status(projection);
    expect(gating.rebuild).toMatchObject({ state: 'GATING', lagging: 1 });
    expect(gating.pointer).toMatchObject({ active: 'blue', rebuilding: { standby: 'green' } });

    const aborted = await app.rebuilds.abort(projection);
    await app.replaysIdle();

    expect(aborted.rebuild).toMatchObject({ state: 'FAILED', error: 'Error: aborted' });
    expect((await app.rebuilds.status(projection)).pointer).toMatchObject({ active: 'blue' });
    expect((await app.rebuilds.status(projection)).pointer.rebuilding).toBeUndefined();
    expect(await tallies()).toEqual({ a: 0, b: 1 });
    settings.failing.clear();
    expect(await app.rebuild(OrderTallies)).toMatchObject({ rebuild: { state: 'FLIPPED' } });
    expect(await tallies()).toEqual({ a: 0, b: 1 });
  }, 60_000);
});
