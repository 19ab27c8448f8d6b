import { type ApplyContext, On, Projection, sql, SqlProjection, type SqlWriter } from '../../src';
import { OrderCreated, OrderDeleted, OrderUpdated, type OrderLine } from './events';

const itemCount = (lines: readonly OrderLine[]) => lines.reduce((sum, line) => sum + line.quantity, 0);

/**
 * Orders in PostgreSQL (PGlite locally), to search by customer and sort by size: one row per order and one per
 * order line. Its schema is its migrations; each handler records parameterised statements.
 */
@Projection('order-search')
export class OrderSearch extends SqlProjection {
  readonly migrations = [
    {
      version: 1,
      up: [
        sql`CREATE TABLE orders (order_id text PRIMARY KEY, customer_id text NOT NULL, item_count integer NOT NULL,
          status text NOT NULL, updated_at timestamptz NOT NULL)`,
        sql`CREATE INDEX orders_by_customer ON orders (customer_id, item_count DESC)`,
      ],
    },
    {
      version: 2,
      up: sql`CREATE TABLE order_lines (order_id text NOT NULL, sku text NOT NULL, quantity integer NOT NULL,
        PRIMARY KEY (order_id, sku))`,
    },
  ];

  @On(OrderCreated) created(e: OrderCreated, db: SqlWriter, ctx: ApplyContext) {
    db.run(sql`INSERT INTO orders (order_id, customer_id, item_count, status, updated_at)
      VALUES (${e.orderId}, ${e.customerId}, ${itemCount(e.lines)}, 'open', ${ctx.stored.committedAt})`);
    this.lines(db, e.orderId, e.lines);
  }

  @On(OrderUpdated) updated(e: OrderUpdated, db: SqlWriter, ctx: ApplyContext) {
    db.run(sql`UPDATE orders SET item_count = ${itemCount(e.lines)}, updated_at = ${ctx.stored.committedAt}
      WHERE order_id = ${e.orderId}`);
    this.lines(db, e.orderId, e.lines);
  }

  @On(OrderDeleted) deleted(e: OrderDeleted, db: SqlWriter, ctx: ApplyContext) {
    db.run(
      sql`UPDATE orders SET status = 'deleted', updated_at = ${ctx.stored.committedAt} WHERE order_id = ${e.orderId}`,
    );
  }

  private lines(db: SqlWriter, orderId: string, lines: readonly OrderLine[]) {
    db.run(sql`DELETE FROM order_lines WHERE order_id = ${orderId}`);
    for (const line of lines) {
      db.run(sql`INSERT INTO order_lines (order_id, sku, quantity) VALUES (${orderId}, ${line.sku}, ${line.quantity})
        ON CONFLICT (order_id, sku) DO UPDATE SET quantity = order_lines.quantity + EXCLUDED.quantity`);
    }
  }
}
