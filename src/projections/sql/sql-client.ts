/**
 * The port SQL read models talk through: PGlite in memory and in the local runtime, `pg` against a PostgreSQL
 * server, the RDS Data API on Aurora. Statements are always parameterised: `text` holds `$1`, `$2`, ... and
 * `values` their values; no adapter or caller builds SQL text from event data.
 */

/** One parameterised statement. */
export interface SqlStatement {
  readonly text: string;
  readonly values?: readonly unknown[];
}

/** The rows a statement returned (none for a write) and how many rows it changed. */
export interface SqlResult<Row = Record<string, unknown>> {
  readonly rows: Row[];
  readonly rowCount: number;
}

/** Runs statements; `transaction` runs `work` in one transaction, committed when it resolves, rolled back if not. */
export interface SqlClient {
  query<Row = Record<string, unknown>>(statement: SqlStatement): Promise<SqlResult<Row>>;
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** Releases connections; the client is unusable afterwards. */
  close(): Promise<void>;
}
