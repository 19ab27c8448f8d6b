import { ConfigurationError } from '../../domain/domain-errors';
import type { SqlClient } from '../../projections/sql/sql-client';
import type { EventfoldConfig } from '../config';
import { PgSqlClient } from './pg-sql-client';

/**
 * Opens the database of SQL read models that the configuration names: a PostgreSQL server (`EVENTFOLD_SQL_URL`),
 * through a small `pg` pool. The local runtime and the in-memory app bind PGlite instead (`SqlTokens.client`).
 */
export async function openSqlClient(config: EventfoldConfig): Promise<SqlClient> {
  if (config.sqlUrl) {
    return PgSqlClient.connect({ connectionString: config.sqlUrl, max: 4, allowExitOnIdle: true });
  }
  throw new ConfigurationError(
    'SQL projections need a database: set EVENTFOLD_SQL_URL (a PostgreSQL connection URL), or bind SqlTokens.client',
    { field: 'EVENTFOLD_SQL_URL' },
  );
}
