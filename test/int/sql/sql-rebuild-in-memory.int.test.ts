import { ContainerModule, inject, injectable } from 'inversify';
import { ordersDomain } from '../../../examples/orders';
import { OrderCreated, OrderUpdated } from '../../../examples/orders/events';
import { defineEventfoldApp } from '../../../src/infrastructure/container/eventfold-app';
import { type ApplyContext, On, Projection } from '../../../src/projections';
import { SqlProjection, type SqlWriter } from '../../../src/projections/sql/sql-projection';
import { sql } from '../../../src/projections/sql/sql-template';
import type { TableSlot } from '../../../src/projections/table-pointer';
import { inMemoryApp, type TestAppOptions } from '../../../src/testing/in-memory-app';
import { inMemoryRebuildCases, type RebuildSubject } from '../../support/in-memory-rebuild-cases';

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

const lines = [{ sku: 'a', quantity: 1 }];

/** `OrderTallies` in the in-memory app (PGlite), with its settings and what readers see of it. */
async function tallyApp(options?: TestAppOptions) {
  const bindings = new ContainerModule(({ bind }) => void bind(TallySettings).toSelf().inSingletonScope());
  const app = await inMemoryApp(
    defineEventfoldApp({ domain: ordersDomain, projections: [OrderTallies], bindings }),
    options,
  );
  const settings = app.container.get(TallySettings);
  /** What readers see: the tallies of the active schema, through the app's SQL read. */
  const tallies = async (): Promise<Record<string, number>> => {
    const { rows } = await app.sql<{ order_id: string; updates: number }>(
      OrderTallies,
      sql`SELECT order_id, updates FROM tallies ORDER BY order_id`,
    );
    return Object.fromEntries(rows.map((r) => [r.order_id, Number(r.updates)]));
  };
  const subject: RebuildSubject = {
    app,
    projection: OrderTallies,
    name: 'order-tallies',
    failing: settings.failing,
    updates: async (ids) => {
      const all = await tallies();
      return Object.fromEntries(ids.map((id) => [id, all[id]]));
    },
  };
  return { app, settings, tallies, subject };
}

describe('a blue/green rebuild of a SQL projection in the in-memory app (PGlite)', () => {
  inMemoryRebuildCases(async (options) => (await tallyApp(options)).subject, 60_000);
});

describe('a second rebuild of a SQL projection in the in-memory app (PGlite)', () => {
  let started: Awaited<ReturnType<typeof tallyApp>> | undefined;
  afterEach(() => started?.app.stop());

  it('starts from an empty standby schema, so a changed handler is applied to every event again', async () => {
    started = await tallyApp();
    const { app, settings, tallies } = started;
    for (const id of ['a', 'b']) await app.command('CreateOrder', { orderId: id, customerId: 'c', lines });
    for (let i = 0; i < 2; i++) await app.command('UpdateOrder', { orderId: 'a', lines });
    settings.weight = 10;
    expect(await app.rebuild(OrderTallies)).toMatchObject({ pointer: { active: 'green', previous: 'blue' } });
    expect(await tallies()).toEqual({ a: 20, b: 0 });

    // The new handler again: the rebuild empties blue (the previous schema, with weight-1 rows and gates at the
    // stored versions) and fills it anew; an uncleared schema would keep its gates and skip every replayed event.
    settings.weight = 100;
    expect(await app.rebuild(OrderTallies)).toMatchObject({
      pointer: { active: 'blue', previous: 'green' },
      rebuild: { state: 'FLIPPED' },
    });
    expect(await tallies()).toEqual({ a: 200, b: 0 });
  }, 60_000);
});
