import type { Container } from 'inversify';
import type { AnyProjection } from '../../projections/projection-binding';
import { projectionInfoOf } from '../../projections/projection-decorators';
import type { SqlClient } from '../../projections/sql/sql-client';
import { isSqlProjection, type SqlProjection } from '../../projections/sql/sql-projection';
import { SqlReadModelReader } from '../../projections/sql/sql-read-model-reader';
import { SqlReadModelStore } from '../../projections/sql/sql-read-model-store';
import { SqlQueryRunner } from '../../projections/sql/sql-query-runner';
import { ReplayTokens } from './replay-bindings';
import { LazySqlClient } from '../sql/lazy-sql-client';
import { openSqlClient } from '../sql/open-sql-client';
import { CoreTokens } from './core-bindings';
import { provide, resolve, token } from './tokens';
import { UserTokens } from './user-bindings';

/** Tokens of SQL read models: the database client, the store of their tables and gates, and their reader. */
export const SqlTokens = {
  /** Rebind it to another adapter of the port (the RDS Data API on Aurora, say). */
  client: token<SqlClient>('SqlClient'),
  store: token<SqlReadModelStore>('SqlReadModelStore'),
  reader: token<SqlReadModelReader>('SqlReadModelReader'),
  queries: token<SqlQueryRunner>('SqlQueryRunner'),
} as const;

/** The SQL projections among an app's projections. */
export function sqlProjectionsOf(projections: readonly AnyProjection[]): SqlProjection[] {
  return projections.filter((p): p is SqlProjection => isSqlProjection(p));
}

/**
 * Binds the SQL client (opened on first use, from `EVENTFOLD_SQL_URL`) unless the app bound one itself (the Data
 * API: `dataApiSqlBindings()`), the SQL store and its reader.
 */
export function bindSqlReadModels(container: Container): void {
  if (container.isBound(SqlTokens.reader)) return;
  bindSqlStore(container);
  provide(container, SqlTokens.reader, (get) => {
    const store = get(SqlTokens.store);
    return new SqlReadModelReader(get(SqlTokens.client), (target) => store.schemaOf(target));
  });
  provide(container, SqlTokens.queries, (get) => {
    const catalog = new Map(
      sqlProjectionsOf(get(UserTokens.projections)).map((p) => [projectionInfoOf(p).name, p.queries ?? {}]),
    );
    const active = async (projection: string) => {
      const target = { projection, slot: (await get(ReplayTokens.pointers).get(projection)).active };
      await get(SqlTokens.store).ensure(target);
      return target;
    };
    return new SqlQueryRunner(catalog, get(SqlTokens.reader), active);
  });
}

/**
 * Binds the SQL client as `bindSqlReadModels` does and the SQL store its projections write to, without the reader
 * and the queries the HTTP API serves: what the projection consumer uses. Nothing when the store is bound.
 */
export function bindSqlStore(container: Container): void {
  if (container.isBound(SqlTokens.store)) return;
  if (!container.isBound(SqlTokens.client)) {
    provide(container, SqlTokens.client, (get) => {
      const config = get(CoreTokens.config);
      return new LazySqlClient(() => openSqlClient(config));
    });
  }
  provide(container, SqlTokens.store, (get) => {
    const owners = sqlProjectionsOf(get(UserTokens.projections)).map((p) => ({
      name: projectionInfoOf(p).name,
      migrations: p.migrations,
    }));
    const schemaPrefix = get(CoreTokens.config).sqlSchemaPrefix;
    return new SqlReadModelStore(get(SqlTokens.client), owners, { schemaPrefix });
  });
}

/** Closes the SQL client of a container if one was opened. */
export async function closeSqlClient(container: Container): Promise<void> {
  if (container.isBound(SqlTokens.client)) await resolve(container, SqlTokens.client).close();
}
