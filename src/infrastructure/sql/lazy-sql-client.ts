import type { SqlClient, SqlResult, SqlStatement } from '../../projections/sql/sql-client';

/**
 * A `SqlClient` that opens the real one on first use: a container binds it synchronously, and a function that
 * never touches a SQL read model never connects.
 */
export class LazySqlClient implements SqlClient {
  private opened?: Promise<SqlClient>;

  constructor(private readonly open: () => Promise<SqlClient>) {}

  private client(): Promise<SqlClient> {
    if (!this.opened) {
      this.opened = this.open();
      this.opened.catch(() => (this.opened = undefined));
    }
    return this.opened;
  }

  async query<Row = Record<string, unknown>>(statement: SqlStatement): Promise<SqlResult<Row>> {
    return (await this.client()).query<Row>(statement);
  }

  async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    return (await this.client()).transaction(work);
  }

  /** Closes the client if it was opened. */
  async close(): Promise<void> {
    const opened = this.opened;
    this.opened = undefined;
    if (opened) await (await opened).close();
  }
}
