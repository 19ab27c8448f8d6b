import type { EventRegistry } from '../../../src/domain/event-registry';
import type { StoredEvent } from '../../../src/domain/stored-event';
import type { ApplyContext } from '../../../src/projections/apply-context';
import { On, Projection } from '../../../src/projections/projection-decorators';
import { SqlProjection, type SqlWriter } from '../../../src/projections/sql/sql-projection';
import { sql } from '../../../src/projections/sql/sql-template';
import { fold } from '../../int/pipeline/fold';
import {
  AccountDocuments,
  Closed,
  DailyTotals,
  Deposited,
  Opened,
  Withdrawn,
} from '../../support/projections/sample-projections';

/**
 * The accounts and daily totals of the sample projections, kept in SQL: `accounts` mirrors the documents of
 * `AccountDocuments`, `day_totals` the day rows of `DailyTotals`, so their folds are the oracle. Deposits of
 * a stream listed in `poisoned` (as `stream@version`) throw.
 */
@Projection('sample-sql-accounts', { rebuildable: true })
export class SqlAccounts extends SqlProjection {
  readonly poisoned = new Set<string>();
  readonly migrations = [
    {
      version: 1,
      up: sql`CREATE TABLE accounts (stream_id text PRIMARY KEY, owner text NOT NULL, currency text NOT NULL, balance integer NOT NULL, movements integer NOT NULL)`,
    },
    {
      version: 2,
      up: [
        sql`CREATE TABLE day_totals (day text PRIMARY KEY, deposited integer NOT NULL DEFAULT 0, withdrawn integer NOT NULL DEFAULT 0, movements integer NOT NULL DEFAULT 0)`,
        sql`CREATE INDEX accounts_by_owner ON accounts (owner)`,
      ],
    },
  ];

  @On(Opened) opened(e: Opened, db: SqlWriter, ctx: ApplyContext) {
    db.run(sql`INSERT INTO accounts (stream_id, owner, currency, balance, movements)
      VALUES (${ctx.streamId}, ${e.owner}, ${e.currency}, 0, 0)
      ON CONFLICT (stream_id) DO UPDATE SET owner = EXCLUDED.owner, currency = EXCLUDED.currency, balance = 0, movements = 0`);
  }

  @On(Deposited) deposited(e: Deposited, db: SqlWriter, ctx: ApplyContext) {
    if (this.poisoned.has(`${ctx.streamId}@${ctx.version}`)) throw new Error(`poisoned ${ctx.streamId}`);
    move(db, ctx, e.amount);
    db.run(sql`INSERT INTO day_totals (day, deposited, movements) VALUES (${day(ctx)}, ${e.amount}, 1)
      ON CONFLICT (day) DO UPDATE SET deposited = day_totals.deposited + EXCLUDED.deposited, movements = day_totals.movements + 1`);
  }

  @On(Withdrawn) withdrawn(e: Withdrawn, db: SqlWriter, ctx: ApplyContext) {
    move(db, ctx, -e.amount);
    db.run(sql`INSERT INTO day_totals (day, withdrawn, movements) VALUES (${day(ctx)}, ${e.amount}, 1)
      ON CONFLICT (day) DO UPDATE SET withdrawn = day_totals.withdrawn + EXCLUDED.withdrawn, movements = day_totals.movements + 1`);
  }

  @On(Closed) closed(_: Closed, db: SqlWriter, ctx: ApplyContext) {
    db.run(sql`DELETE FROM accounts WHERE stream_id = ${ctx.streamId}`);
  }
}

function day(ctx: ApplyContext): string {
  return ctx.stored.committedAt.slice(0, 10);
}

function move(db: SqlWriter, ctx: ApplyContext, amount: number) {
  db.run(sql`INSERT INTO accounts (stream_id, owner, currency, balance, movements) VALUES (${ctx.streamId}, '?', 'EUR', ${amount}, 1)
    ON CONFLICT (stream_id) DO UPDATE SET balance = accounts.balance + EXCLUDED.balance, movements = accounts.movements + 1`);
}

/** The tables `SqlAccounts` must hold after `streams`: the folds of the document and row projections, as rows. */
export async function sqlAccountsFold(registry: EventRegistry, streams: StoredEvent[][]) {
  const documents = (await fold(new AccountDocuments(), registry, streams)).documents;
  const totals = (await fold(new DailyTotals(), registry, streams)).rows;
  const accounts = Object.entries(documents).map(([streamId, view]) => ({ stream_id: streamId, ...view }));
  const days = Object.entries(totals)
    .filter(([key]) => key.startsWith('day#'))
    .map(([key, row]) => ({ day: key.slice(4), deposited: 0, withdrawn: 0, ...row }));
  const sorted = <T>(rows: T[]) => rows.map((r) => JSON.parse(JSON.stringify(r)) as T).sort(byJson);
  return { accounts: sorted(accounts.map(columnsOfAccount)), day_totals: sorted(days.map(columnsOfDay)) };
}

function columnsOfAccount(row: Record<string, unknown>) {
  const { stream_id, owner, currency, balance, movements } = row;
  return { stream_id, owner, currency, balance, movements };
}

function columnsOfDay(row: Record<string, unknown>) {
  const { day: d, deposited, withdrawn, movements } = row;
  return { day: d, deposited, withdrawn, movements };
}

function byJson(a: unknown, b: unknown): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
