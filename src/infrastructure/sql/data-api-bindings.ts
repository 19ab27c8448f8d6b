import { ContainerModule } from 'inversify';
import { SqlTokens } from '../container/sql-bindings';
import { dataApiClientFromEnv } from '../rds-data/data-api-sql-client';

/**
 * The app's bindings for SQL read models on Aurora through the RDS Data API: the client reads the cluster and
 * secret ARNs the construct sets (`EVENTFOLD_SQL_CLUSTER_ARN`, ...). Listed in the app's bindings, so that only
 * apps with SQL read models bundle the RDS Data client; the local runtime and `inMemoryApp` use PGlite instead.
 * @example
 * defineEventfoldApp({ domain, projections: [ConcertSearch], bindings: [dataApiSqlBindings()] });
 */
export function dataApiSqlBindings(env: NodeJS.ProcessEnv = process.env): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(SqlTokens.client)
      .toDynamicValue(() => dataApiClientFromEnv(env, 'SQL read models on the Data API'))
      .inSingletonScope();
  });
}
