import type { SqlClient } from '../projections/sql/sql-client';
import { sqlClientCases } from './sql-contract-client';
import { sqlStoreCases } from './sql-contract-store';
import { testRunnerGlobals } from './test-runner-globals';

/** Opens the database the contract runs against (once per suite); the suite closes it at the end. */
export type OpenSqlClient = () => Promise<SqlClient>;

/**
 * The behaviour every `SqlClient` adapter and the SQL read-model store on it must show: column types, row counts,
 * transactions, parameters (fast-check), migrations once, the version gate moved in the change's transaction,
 * racing commits, parking and rejected changes. Every case works in schemas of its own, so one database serves
 * the whole suite; run it against PGlite and against the PostgreSQL server you deploy on, so neither differs.
 * @example
 * sqlReadModelContract('PGlite', () => PgliteSqlClient.open());
 * sqlReadModelContract('PostgreSQL 15', () => PgSqlClient.connect({ connectionString }));
 */
export function sqlReadModelContract(name: string, open: OpenSqlClient): void {
  const t = testRunnerGlobals();
  let opened: Promise<SqlClient> | undefined;
  const client = () => (opened ??= open());
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  let n = 0;
  const fresh = (label: string) => `c_${run}_${label}_${(n += 1)}_`.toLowerCase();
  t.describe(`SQL read-model contract: ${name}`, () => {
    sqlClientCases(t, client, fresh);
    sqlStoreCases(t, client, fresh);
    (globalThis as { afterAll?: (f: () => Promise<void>) => void }).afterAll?.(async () => {
      if (opened) await (await opened).close();
    });
  });
}
