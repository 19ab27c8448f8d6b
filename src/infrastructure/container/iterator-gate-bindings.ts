import type { Container } from 'inversify';
import type { SlotVersions } from '../../application/rebuild/rebuild-ports';
import { routeVersions } from '../../application/rebuild/routed-slots';
import type { SqlClient } from '../../projections/sql/sql-client';
import { schemaOf } from '../../projections/sql/sql-schema';
import { DynamoDbSlotVersions } from '../dynamodb/control/dynamodb-slot-versions';
import { tableOfConfig } from '../dynamodb/read-models';
import { LazySqlClient } from '../sql/lazy-sql-client';
import { SqlSlotVersions } from '../sql/sql-slot-versions';
import { CoreTokens } from './core-bindings';
import { RebuildTokens } from './rebuild-bindings';
import { provide, token } from './tokens';

/** `SqlTokens.client`, named here so that the iterator's bundle leaves the SQL store and its drivers out. */
const SQL_CLIENT = token<SqlClient>('SqlClient');

/**
 * A Data API client for the cluster the construct names (`EVENTFOLD_SQL_CLUSTER_ARN`, ...), loaded and built on
 * first use: an iterator that never reads a SQL gate neither loads the RDS Data client nor builds it.
 */
function lazyDataApiClient(env: NodeJS.ProcessEnv): SqlClient {
  return new LazySqlClient(async () => {
    const { dataApiClientFromEnv } = await import('../rds-data/data-api-sql-client');
    return dataApiClientFromEnv(env, 'the replay iterator reads SQL gates over the Data API');
  });
}

/** The projections the construct names SQL projections (`EVENTFOLD_SQL_PROJECTIONS`, separated by commas). */
function sqlNamesOf(env: NodeJS.ProcessEnv): readonly string[] {
  return (env.EVENTFOLD_SQL_PROJECTIONS ?? '').split(',').filter((name) => name !== '');
}

/**
 * Binds the gates the replay iterator's flip gate reads, built without the app: the projections its environment
 * names SQL projections (`EVENTFOLD_SQL_PROJECTIONS`) are read from their schemas through the RDS Data API (or the
 * SQL client bound before, as a test binds PGlite), every other one from its DynamoDB tables. Bind it before
 * `bindFlipGate`.
 */
export function bindIteratorGates(container: Container, env: NodeJS.ProcessEnv = process.env): void {
  if (!container.isBound(SQL_CLIENT)) provide(container, SQL_CLIENT, () => lazyDataApiClient(env));
  provide(container, RebuildTokens.gateVersions, (get): SlotVersions => {
    const config = get(CoreTokens.config);
    const dynamo = new DynamoDbSlotVersions(get(CoreTokens.dynamodb), tableOfConfig(config));
    const names = sqlNamesOf(env);
    if (names.length === 0) return dynamo;
    const prefix = config.sqlSchemaPrefix;
    const sql = new SqlSlotVersions(get(SQL_CLIENT), (target) => schemaOf(target, prefix));
    return routeVersions(dynamo, sql, names);
  });
}
