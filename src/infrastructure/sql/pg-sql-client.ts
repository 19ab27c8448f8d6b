import type { SqlClient, SqlResult, SqlStatement } from '../../projections/sql/sql-client';
import { loadPeer } from './load-peer';

/** What a `pg` query answers, as far as this client reads it. */
interface PgQueryResult {
  readonly rows: unknown[];
  readonly rowCount: number | null;
}

/** A pooled `pg` connection, as far as this client uses it. */
export interface PgConnectionLike {
  query(text: string, values?: unknown[]): Promise<PgQueryResult>;
  release(error?: Error): void;
}

/**
 * The part of `pg`'s `Pool` this client uses. Declared here, so that a project without `pg` installed still
 * type-checks eventfold's declarations (`pg` is an optional peer dependency).
 */
export interface PgPoolLike {
  query(text: string, values?: unknown[]): Promise<PgQueryResult>;
  connect(): Promise<PgConnectionLike>;
  end(): Promise<void>;
}

/** `pg`'s `PoolConfig`, passed to its `Pool` as given. */
export type PgPoolConfig = { readonly connectionString?: string; readonly max?: number } & Record<
  string,
  unknown
>;

/** int8 (count(*), bigint columns) as a JS number, as the PGlite adapter gives it. */
const INT8 = 20;

/**
 * The `SqlClient` on a PostgreSQL server through a `pg` pool: a transaction holds one pooled connection from
 * `BEGIN` to `COMMIT` (or `ROLLBACK` when its work throws).
 * @example
 * const client = await PgSqlClient.connect({ connectionString: process.env.DATABASE_URL, max: 4 });
 */
export class PgSqlClient implements SqlClient {
  private constructor(
    private readonly pool: PgPoolLike,
    private readonly connection?: PgConnectionLike,
  ) {}

  /** A client over a new pool with this configuration (`pg`'s `PoolConfig`). */
  static async connect(config: PgPoolConfig): Promise<PgSqlClient> {
    const pg = await loadPeer<typeof import('pg')>('pg', 'SQL read models on a PostgreSQL server');
    const { Pool, types } = pg;
    const parsers = {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === INT8 && format !== 'binary'
          ? (value: string) => Number(value)
          : (types.getTypeParser as (o: number, f?: string) => unknown)(oid, format),
    };
    const pool = new Pool({ ...config, types: parsers as import('pg').PoolConfig['types'] });
    return new PgSqlClient(pool as unknown as PgPoolLike);
  }

  /** A client over a pool the caller made (and closes through this client). */
  static over(pool: PgPoolLike): PgSqlClient {
    return new PgSqlClient(pool);
  }

  async query<Row = Record<string, unknown>>(statement: SqlStatement): Promise<SqlResult<Row>> {
    const on = this.connection ?? this.pool;
    const result = await on.query(statement.text, [...(statement.values ?? [])]);
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
  }

  async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    if (this.connection) return work(this);
    const connection = await this.pool.connect();
    let broken: unknown;
    try {
      await connection.query('BEGIN');
      const result = await work(new PgSqlClient(this.pool, connection));
      await connection.query('COMMIT');
      return result;
    } catch (error) {
      await connection.query('ROLLBACK').catch((rollback: unknown) => (broken = rollback));
      throw error;
    } finally {
      connection.release(broken instanceof Error ? broken : undefined);
    }
  }

  async close(): Promise<void> {
    if (!this.connection) await this.pool.end();
  }
}
