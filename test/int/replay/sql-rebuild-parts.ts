import { slotsOf } from '../../../src/application/rebuild/routed-slots';
import { SqlSlotClear } from '../../../src/infrastructure/sql/sql-slot-clear';
import { SqlSlotVersions } from '../../../src/infrastructure/sql/sql-slot-versions';
import type { ApplyContext } from '../../../src/projections/apply-context';
import { On, Projection } from '../../../src/projections/projection-decorators';
import { ProjectionRunner } from '../../../src/projections/projection-runner';
import { InMemoryDeadLetters } from '../../../src/projections/redrive';
import { InMemoryAnswerJournal } from '../../../src/projections/side-effects';
import type { SqlClient } from '../../../src/projections/sql/sql-client';
import { SqlProjection, type SqlWriter } from '../../../src/projections/sql/sql-projection';
import { SqlReadModelReader } from '../../../src/projections/sql/sql-read-model-reader';
import { SqlReadModelStore } from '../../../src/projections/sql/sql-read-model-store';
import { sql } from '../../../src/projections/sql/sql-template';
import type { ProjectionPointerStore, TableSlot } from '../../../src/projections/table-pointer';
import { Counted, type CounterView, countersRegistry } from '../../e2e/replay/counters';
import { type PartTimings, partsOver, type RebuildWorld } from './rebuild-world';

/** The counters projection kept in SQL under its own name: one row per counter, the fold of `foldCounters`. */
function sqlCountersNamed(name: string) {
  @Projection(name, { rebuildable: true })
  class SqlCounters extends SqlProjection {
    readonly migrations = [
      {
        version: 1,
        up: sql`CREATE TABLE counters (stream_id text PRIMARY KEY, count integer NOT NULL, sum integer NOT NULL, last_version integer NOT NULL)`,
      },
    ];

    @On(Counted) counted(e: Counted, db: SqlWriter, ctx: ApplyContext) {
      db.run(sql`INSERT INTO counters (stream_id, count, sum, last_version) VALUES (${ctx.streamId}, 1, ${e.n}, ${ctx.version})
        ON CONFLICT (stream_id) DO UPDATE SET count = counters.count + 1, sum = counters.sum + EXCLUDED.sum, last_version = EXCLUDED.last_version`);
    }
  }
  return new SqlCounters();
}

interface CounterRow {
  stream_id: string;
  count: number;
  sum: number;
  last_version: number;
}

const viewOf = (row: CounterRow): CounterView => ({
  count: Number(row.count),
  sum: Number(row.sum),
  lastVersion: Number(row.last_version),
});

/**
 * The counters projection of `projectionParts` kept in SQL (`client`: PGlite or a PostgreSQL server), with the
 * pointer and the rebuild state on DynamoDB Local: the real runner writes its schemas, the real flip gate reads
 * their gates, and the real SQL slot clear drops and re-creates the standby schema (guarded by `pointers`, the
 * DynamoDB pointer store unless a test puts a race in front of it).
 */
export function sqlProjectionParts(
  world: RebuildWorld,
  client: SqlClient,
  projection: string,
  timings: PartTimings = {},
  pointers: ProjectionPointerStore = world.pointers,
) {
  const counters = sqlCountersNamed(projection);
  const store = new SqlReadModelStore(client, [{ name: projection, migrations: counters.migrations }]);
  const deadLetters = new InMemoryDeadLetters();
  const runner = new ProjectionRunner({
    projections: [counters],
    registry: countersRegistry(),
    store,
    eventStore: world.events,
    deadLetters,
    journal: new InMemoryAnswerJournal(),
    pointers: world.pointers,
  });
  const schemaOf = store.schemaOf.bind(store);
  const slots = slotsOf(new SqlSlotVersions(client, schemaOf), new SqlSlotClear(client, store, pointers));
  const reader = new SqlReadModelReader(client, schemaOf);
  const rows = async (slot: TableSlot, streamId?: string) => {
    const target = { projection, slot };
    await store.ensure(target);
    const where = streamId === undefined ? sql`` : sql`WHERE stream_id = ${streamId}`;
    const statement = { text: `SELECT * FROM counters ${where.text}`, values: where.values };
    return (await reader.query<CounterRow>(target, statement)).rows;
  };
  const view = async (slot: TableSlot, streamId: string) => {
    const [row] = await rows(slot, streamId);
    return row && viewOf(row);
  };
  const dump = async (slot: TableSlot) =>
    Object.fromEntries((await rows(slot)).map((row) => [row.stream_id, viewOf(row)]));
  return {
    ...partsOver(world, projection, { runner, deadLetters, slots, view, dump }, timings),
    store,
    client,
  };
}
