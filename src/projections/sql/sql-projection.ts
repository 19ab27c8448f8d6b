import type { SqlStatement } from './sql-client';
import type { SqlQuery } from './sql-query';

/** One step of a SQL projection's schema: applied once, in version order, and recorded. */
export interface SqlMigration {
  /** 1, 2, 3, ...: a migration once deployed keeps its version and its statements. */
  readonly version: number;
  /** The statements of the step (DDL, backfills), run in one transaction with the record of the version. */
  readonly up: SqlStatement | readonly SqlStatement[];
}

/**
 * The writes one event makes to a SQL read model, recorded by its handler and committed in ONE transaction with
 * the version gate's move. Statements are parameterised (`sql\`...\``); they may read the rows they change
 * (`UPDATE ... SET n = n + 1`, `INSERT ... ON CONFLICT DO UPDATE`), since they run in order inside the transaction.
 */
export class SqlWriter {
  private readonly statements: SqlStatement[] = [];

  /** Records one statement; it runs when the event's change is committed. */
  run(statement: SqlStatement): this {
    this.statements.push({ text: statement.text, values: [...(statement.values ?? [])] });
    return this;
  }

  /** The statements recorded, in order. */
  list(): SqlStatement[] {
    return [...this.statements];
  }
}

/**
 * A projection kept in PostgreSQL (PGlite locally, a PostgreSQL server or Aurora on AWS). It owns its schema: the
 * `migrations` run once each, in version order, before its first event. Each `@On` handler receives the event, a
 * `SqlWriter` to record parameterised statements, and the context; the statements and the version gate's move are
 * committed in one transaction, so each event takes effect once, in order per aggregate.
 * @example
 * @Projection('concert-search')
 * class ConcertSearch extends SqlProjection {
 *   readonly migrations = [{ version: 1, up: sql`CREATE TABLE concerts (id text PRIMARY KEY, name text NOT NULL)` }];
 *   @On(ConcertPlanned) planned(e: ConcertPlanned, db: SqlWriter) {
 *     db.run(sql`INSERT INTO concerts (id, name) VALUES (${e.concertId}, ${e.name})`);
 *   }
 * }
 */
export abstract class SqlProjection {
  readonly kind = 'sql' as const;
  /** The schema's steps, by version. */
  abstract readonly migrations: readonly SqlMigration[];
  /** Its named queries (`sqlQuery(...)`), served by the HTTP API, the CLI and the typed client. */
  readonly queries?: Readonly<Record<string, SqlQuery<any>>>;
}

/** True for a SQL projection instance or class (an app lists either). */
export function isSqlProjection(entry: object): boolean {
  const candidate = typeof entry === 'function' ? (entry as { prototype?: unknown }).prototype : entry;
  return candidate instanceof SqlProjection;
}
