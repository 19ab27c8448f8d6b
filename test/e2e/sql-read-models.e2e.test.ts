import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrderDocuments, ordersDomain } from '../../examples/orders';
import { OrderSearch } from '../../examples/orders/order-search';
import { defineEventfoldApp } from '../../src/infrastructure/container/eventfold-app';
import { SqlTokens } from '../../src/infrastructure/container/sql-bindings';
import { resolve } from '../../src/infrastructure/container/tokens';
import { type LocalTestApp, localApp } from '../../src/infrastructure/local/runtime/local-app';
import type { SqlStatement } from '../../src/projections/sql/sql-client';
import { sql } from '../../src/projections/sql/sql-template';
import { inMemoryApp } from '../../src/testing/in-memory-app';

process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

/** The orders example with a SQL projection next to its document projection, registered alike. */
const app = defineEventfoldApp({ domain: ordersDomain, projections: [OrderDocuments, OrderSearch] });
const lines = (...quantities: number[]) => quantities.map((quantity, i) => ({ sku: `sku-${i}`, quantity }));
const byCustomer = (customer: string) =>
  sql`SELECT order_id, item_count, status FROM orders WHERE customer_id = ${customer} ORDER BY item_count DESC, order_id`;

async function placeOrders(a: { command(name: string, input: unknown): Promise<unknown> }, from: number) {
  for (let i = from; i < from + 3; i += 1)
    await a.command('CreateOrder', { orderId: `o${i}`, customerId: 'c1', lines: lines(i, 1) });
  await a.command('UpdateOrder', { orderId: `o${from}`, lines: lines(10) });
  await a.command('DeleteOrder', { orderId: `o${from + 1}` });
}

it('inMemoryApp keeps a SQL projection in PGlite in memory, current when the command returns', async () => {
  const memory = await inMemoryApp(app);
  try {
    await placeOrders(memory, 1);
    expect((await memory.sql(OrderSearch, byCustomer('c1'))).rows).toEqual([
      { order_id: 'o1', item_count: 10, status: 'open' },
      { order_id: 'o3', item_count: 4, status: 'open' },
      { order_id: 'o2', item_count: 3, status: 'deleted' },
    ]);
    expect(await memory.document(OrderDocuments, 'Order#o1')).toMatchObject({ itemCount: 10 });
  } finally {
    await memory.stop();
  }
}, 120_000);

describe('the local runtime keeps SQL projections in PGlite under --data-dir', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'eventfold-sql-'));
  let local: LocalTestApp | undefined;
  const query = (a: LocalTestApp, statement: SqlStatement) =>
    resolve(a.runtime.container, SqlTokens.reader).query(
      { projection: 'order-search', slot: 'blue' },
      statement,
    );
  afterAll(async () => {
    await local?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('applies live events through the pipeline, and keeps them (and its schema) across a restart', async () => {
    local = await localApp(app, { dataDir });
    await placeOrders(local, 1);
    await local.settled();
    expect((await query(local, byCustomer('c1'))).rows).toHaveLength(3);
    await local.stop();
    local = await localApp(app, { dataDir });
    await placeOrders(local, 4);
    await local.settled();
    const rows = (await query(local, byCustomer('c1'))).rows;
    expect(rows.map((r) => r.order_id)).toEqual(['o1', 'o4', 'o6', 'o5', 'o3', 'o2']);
    const migrations = await query(local, sql`SELECT version FROM eventfold_schema ORDER BY version`);
    expect(migrations.rows).toEqual([{ version: 1 }, { version: 2 }]);
  }, 240_000);
});
