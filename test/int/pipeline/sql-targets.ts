import type { EventRegistry } from '../../../src/domain/event-registry';
import type { StoredEvent } from '../../../src/domain/stored-event';
import { PgSqlClient } from '../../../src/infrastructure/sql/pg-sql-client';
import { PgliteSqlClient } from '../../../src/infrastructure/sql/pglite-sql-client';
import { Projection } from '../../../src/projections/projection-decorators';
import type { ReadModelStore } from '../../../src/projections/read-model-store';
import { routeReadModels } from '../../../src/projections/sql/routed-read-model-store';
import type { SqlClient, SqlStatement } from '../../../src/projections/sql/sql-client';
import { SqlReadModelReader } from '../../../src/projections/sql/sql-read-model-reader';
import { SqlReadModelStore } from '../../../src/projections/sql/sql-read-model-store';
import { SqlAccounts, sqlAccountsFold } from '../../unit/projections/sample-sql-projection';
import { type PostgresServer, postgresMissing, startPostgres } from '../../support/postgres-server';

/** The same SQL projection under another name, kept on the PostgreSQL server while `SqlAccounts` is on PGlite. */
@Projection('sample-sql-server')
export class ServerSqlAccounts extends SqlAccounts {}

/** One SQL database the pipeline's property test writes a SQL projection to. */
interface SqlTarget {
  readonly projection: SqlAccounts;
  readonly name: string;
  readonly client: SqlClient;
}

/**
 * The SQL side of the live pipeline's property test: `SqlAccounts` in PGlite and `ServerSqlAccounts` on a throwaway
 * PostgreSQL server (left out, with a warning, where no server is installed outside CI).
 */
export class PipelineSqlTargets {
  readonly targets: SqlTarget[] = [];
  private server?: PostgresServer;

  async start(): Promise<void> {
    this.targets.push({
      projection: new SqlAccounts(),
      name: 'sample-sql-accounts',
      client: await PgliteSqlClient.open(),
    });
    if (postgresMissing()) return;
    this.server = await startPostgres();
    const client = await PgSqlClient.connect({ connectionString: this.server.connectionString, max: 4 });
    this.targets.push({ projection: new ServerSqlAccounts(), name: 'sample-sql-server', client });
  }

  async stop(): Promise<void> {
    await Promise.all(this.targets.map((t) => t.client.close()));
    await this.server?.stop();
  }

  /** Routes each SQL projection's tables and gates to its database (schemas of this run), the rest to `other`. */
  route(other: ReadModelStore, run: string): ReadModelStore {
    return this.targets.reduce((store, t) => routeReadModels(store, this.storeOf(t, run), [t.name]), other);
  }

  /** Each SQL projection's tables and gate versions, and what the fold of the histories says they must be. */
  async compare(registry: EventRegistry, histories: StoredEvent[][], run: string) {
    const expected = await sqlAccountsFold(registry, histories);
    const versions = Object.fromEntries(
      histories.filter((h) => h.length > 0).map((h) => [h[0]!.streamId, h.length]),
    );
    return Promise.all(
      this.targets.map(async (t) => {
        const store = this.storeOf(t, run);
        const dump = await new SqlReadModelReader(t.client, (x) => store.schemaOf(x)).dump({
          projection: t.name,
          slot: 'blue',
        });
        const actual = { accounts: dump.tables.accounts, day_totals: dump.tables.day_totals };
        return { name: t.name, actual, expected, versions: dump.versions, expectedVersions: versions };
      }),
    );
  }

  /** A read of one target's blue tables in the schemas of `run`. */
  reader(t: SqlTarget, run: string) {
    const store = this.storeOf(t, run);
    const reader = new SqlReadModelReader(t.client, (x) => store.schemaOf(x));
    return (statement: SqlStatement) => reader.query({ projection: t.name, slot: 'blue' }, statement);
  }

  private storeOf(t: SqlTarget, run: string): SqlReadModelStore {
    const owner = { name: t.name, migrations: t.projection.migrations };
    return new SqlReadModelStore(t.client, [owner], { schemaPrefix: `${run}_` });
  }
}
