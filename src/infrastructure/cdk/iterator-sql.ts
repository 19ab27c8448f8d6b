import type { FunctionWiring } from './eventfold-functions';
import * as permissions from './permissions';
import { sqlProjectionNames } from './projections';
import { sqlEnvironment } from './sql-database';

/**
 * The replay iterator's SQL database and the names of the SQL projections, when the app has any: its flip gate
 * reads their gates in their schemas (built without the app, it learns which projections are SQL from here).
 */
export function iteratorSql(wiring: Pick<FunctionWiring, 'projections' | 'sql'>) {
  const names = sqlProjectionNames(wiring.projections);
  if (!wiring.sql || names.length === 0) return { environment: {}, statements: [] };
  return {
    environment: { ...sqlEnvironment(wiring.sql), EVENTFOLD_SQL_PROJECTIONS: names.join(',') },
    statements: permissions.useSqlDatabase(wiring.sql),
  };
}
