import { routeSlots, type Slots, slotsOf } from '../application/rebuild/routed-slots';
import { PgliteSqlClient } from '../infrastructure/sql/pglite-sql-client';
import { LazySqlClient } from '../infrastructure/sql/lazy-sql-client';
import { SqlSlotClear } from '../infrastructure/sql/sql-slot-clear';
import { SqlSlotVersions } from '../infrastructure/sql/sql-slot-versions';
import type { AnyProjection } from '../projections/projection-binding';
import { projectionInfoOf } from '../projections/projection-decorators';
import type { ReadModelStore, ReadModelTarget } from '../projections/read-model-store';
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
    const store = this.storeFor(projections);
    return store ? routeReadModels(other, store, store.projections()) : other;
  }

  /**
   * The slots rebuilds use: `other` for every projection but the SQL ones, whose standby schema is dropped and
   * created again (refused while the pointer names it) and whose gates the flip gate reads from PGlite.
   * `projections` is read on first use, as the runner reads it.
   */
  slots(projections: () => readonly AnyProjection[], pointers: ProjectionPointerStore, other: Slots): Slots {
    let routed: Slots | undefined;
    const slots = (): Slots => {
      if (routed) return routed;
      const store = this.storeFor(projections());
      if (!store) return (routed = other);
      const sql = new SqlSlotVersions(this.client, (t) => store.schemaOf(t));
      const clear = new SqlSlotClear(this.client, store, pointers);
      return (routed = routeSlots(other, slotsOf(sql, clear), store.projections()));
    };
    return {
      versions: (t: ReadModelTarget) => slots().versions(t),
      versionsOf: (t: ReadModelTarget, ids: readonly string[]) => slots().versionsOf(t, ids),
      reset: (t: ReadModelTarget) => slots().reset(t),
    };
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

  /** The SQL store of the app's SQL projections, built once; none when it has none. */
  private storeFor(projections: readonly AnyProjection[]): SqlReadModelStore | undefined {
    if (this.store) return this.store;
    const sql = projections.filter((p): p is SqlProjection => isSqlProjection(p));
    if (sql.length === 0) return undefined;
    const owners = sql.map((p) => ({ name: projectionInfoOf(p).name, migrations: p.migrations }));
    this.store = new SqlReadModelStore(this.client, owners);
    return this.store;
  }
}
