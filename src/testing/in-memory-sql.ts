import { PgliteSqlClient } from '../infrastructure/sql/pglite-sql-client';
import { LazySqlClient } from '../infrastructure/sql/lazy-sql-client';
import type { AnyProjection } from '../projections/projection-binding';
import { projectionInfoOf } from '../projections/projection-decorators';
import type { ReadModelStore } from '../projections/read-model-store';
import type { ProjectionClass } from '../projections/read-models';
import { routeReadModels } from '../projections/sql/routed-read-model-store';
import type { SqlResult, SqlStatement } from '../projections/sql/sql-client';
import { isSqlProjection, type SqlProjection } from '../projections/sql/sql-projection';
import { SqlReadModelReader } from '../projections/sql/sql-read-model-reader';
import { SqlReadModelStore } from '../projections/sql/sql-read-model-store';
import type { ProjectionPointerStore } from '../projections/table-pointer';

/** The SQL side of the in-memory app: PGlite in memory, opened only when the app has SQL projections. */
export class InMemorySql {
  readonly client = new LazySqlClient(() => PgliteSqlClient.open());
  private store?: SqlReadModelStore;

  /** The store the runner uses: `other` for every projection but the SQL ones, whose tables live in PGlite. */
  route(projections: readonly AnyProjection[], other: ReadModelStore): ReadModelStore {
    const sql = projections.filter((p): p is SqlProjection => isSqlProjection(p));
    if (sql.length === 0) return other;
    const owners = sql.map((p) => ({ name: projectionInfoOf(p).name, migrations: p.migrations }));
    this.store = new SqlReadModelStore(this.client, owners);
    return routeReadModels(
      other,
      this.store,
      owners.map((o) => o.name),
    );
  }

  /** Runs a read on the active tables of a SQL projection. */
  async query<Row = Record<string, unknown>>(
    pointers: ProjectionPointerStore,
    projection: ProjectionClass<SqlProjection>,
    statement: SqlStatement,
  ): Promise<SqlResult<Row>> {
    const name = projectionInfoOf(projection).name;
    const store = this.store ?? new SqlReadModelStore(this.client, []);
    const target = { projection: name, slot: (await pointers.get(name)).active };
    if (this.store) await this.store.ensure(target);
    return new SqlReadModelReader(this.client, (t) => store.schemaOf(t)).query<Row>(target, statement);
  }
}
