import { PgSqlClient } from '../../../src/infrastructure/sql/pg-sql-client';
import { sqlReadModelContract } from '../../../src/testing/sql-read-model-contract';
import { type PostgresServer, postgresMissing, startPostgres } from '../../support/postgres-server';

jest.setTimeout(60_000);

const missing = postgresMissing();
if (missing) {
  // Skipped only off CI on a machine without PostgreSQL: under CI=true postgresMissing() fails instead (.ci/run installs it).
  it.skip(`SQL read-model contract on a PostgreSQL server: skipped, ${missing}`, () => undefined);
} else {
  let server: Promise<PostgresServer> | undefined;
  afterAll(async () => (await server)?.stop());
  sqlReadModelContract('PostgreSQL server (pg pool)', async () => {
    const { connectionString } = await (server ??= startPostgres());
    return PgSqlClient.connect({ connectionString, max: 4 });
  });
}
