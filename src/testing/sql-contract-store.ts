import type { GateStep, ReadModelTarget } from '../projections/read-model-store';
import type { SqlClient } from '../projections/sql/sql-client';
import { SqlReadModelReader } from '../projections/sql/sql-read-model-reader';
import { SqlReadModelStore } from '../projections/sql/sql-read-model-store';
import { sql } from '../projections/sql/sql-template';
import { fastCheck } from './fast-check';
import type { FreshName } from './sql-contract-client';
import type { TestRunnerGlobals } from './test-runner-globals';

const counters = [
  {
    version: 1,
    up: sql`CREATE TABLE counters (stream_id text PRIMARY KEY, total integer NOT NULL CHECK (total < 1000000), events integer NOT NULL)`,
  },
];
const target: ReadModelTarget = { projection: 'contract-counters', slot: 'blue' };

/** The statement of one event of the contract: adds `amount` to its stream's counter. */
function add(streamId: string, amount: number) {
  return sql`INSERT INTO counters VALUES (${streamId}, ${amount}, 1)
    ON CONFLICT (stream_id) DO UPDATE SET total = counters.total + EXCLUDED.total, events = counters.events + 1`;
}

/** The gate step of one event of the contract. */
function step(streamId: string, version: number, amount: number): GateStep {
  return { from: version - 1, to: version, change: { kind: 'sql', statements: [add(streamId, amount)] } };
}

/** The cases of the SQL read-model store: migrations once, the gate in the change's transaction, parking. */
export function sqlStoreCases(t: TestRunnerGlobals, client: () => Promise<SqlClient>, fresh: FreshName) {
  const { it, expect } = t;
  const storeOf = async (prefix: string, migrations = counters) => {
    const db = await client();
    const store = new SqlReadModelStore(db, [{ name: target.projection, migrations }], {
      schemaPrefix: prefix,
    });
    return { db, store, reader: new SqlReadModelReader(db, (x) => store.schemaOf(x)) };
  };

  it('applies each migration once, records it, and applies only new ones later (also when stores race)', async () => {
    const prefix = fresh('mig');
    const [a, b] = await Promise.all([storeOf(prefix), storeOf(prefix)]);
    await Promise.all([a!.store.ensure(target), b!.store.ensure(target), a!.store.ensure(target)]);
    const more = [...counters, { version: 2, up: sql`ALTER TABLE counters ADD COLUMN note text` }];
    const c = await storeOf(prefix, more);
    await Promise.all([c.store.ensure(target), (await storeOf(prefix, more)).store.ensure(target)]);
    const schema = sql.ident(c.store.schemaOf(target));
    const { rows } = await c.db.query(sql`SELECT version FROM ${schema}.eventfold_schema ORDER BY version`);
    expect(rows).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('applies each version once and in order, whatever the duplicates, reordering and races', async () => {
    const fc = fastCheck();
    const { store, reader } = await storeOf(fresh('gate'));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 6 }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        async (histories, picks) => {
          run += 1;
          const deliveries = histories.flatMap((amounts, s) =>
            amounts.flatMap((amount, v) => [
              { streamId: `r${run}s${s}`, version: v + 1, amount },
              { streamId: `r${run}s${s}`, version: v + 1, amount },
            ]),
          );
          const order = deliveries
            .map((d, i) => ({ d, k: picks[i % picks.length]! + i }))
            .sort((x, y) => x.k - y.k);
          // Each delivery retries its commit until the gate is past it: a stale one is refused, never applied.
          await Promise.all(
            order.map(async ({ d }) => {
              for (let state = await store.readState(target, d.streamId); state.version < d.version;) {
                if (state.version === d.version - 1)
                  await store.commit(target, d.streamId, step(d.streamId, d.version, d.amount));
                state = await store.readState(target, d.streamId);
                if (state.version < d.version - 1) await new Promise((r) => setTimeout(r, 1));
              }
            }),
          );
          const dump = await reader.dump(target);
          histories.forEach((amounts, s) => {
            const row = dump.tables.counters?.find((r) => r.stream_id === `r${run}s${s}`);
            expect(row).toEqual({
              stream_id: `r${run}s${s}`,
              total: amounts.reduce((x, y) => x + y, 0),
              events: amounts.length,
            });
            expect(dump.versions[`r${run}s${s}`]).toBe(amounts.length);
          });
        },
      ),
      { numRuns: Number(process.env.EVENTFOLD_SQL_GATE_RUNS ?? 25) },
    );
  }, 120_000);

  it('lets exactly one of two racing commits of the same version through', async () => {
    const { store, reader } = await storeOf(fresh('race'));
    for (let v = 1; v <= 20; v += 1) {
      const results = await Promise.all(
        [1, 2, 3].map(() => store.commit(target, 'race', step('race', v, 1))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    }
    expect((await reader.dump(target)).tables.counters).toEqual([
      { stream_id: 'race', total: 20, events: 20 },
    ]);
  });

  it('parks a stream: nothing passes it but the release of the parked version, which clears the mark', async () => {
    const { store } = await storeOf(fresh('park'));
    expect(await store.commit(target, 'p', step('p', 1, 5))).toBe(true);
    const mark = { version: 2, error: 'Error: boom', parkedAt: '2026-11-22T12:00:00.000Z' };
    expect(await store.park(target, 'p', 0, mark)).toBe(false);
    expect(await store.park(target, 'p', 1, mark)).toBe(true);
    expect(await store.park(target, 'p', 1, mark)).toBe(false);
    expect(await store.readState(target, 'p')).toEqual({ version: 1, parked: mark });
    expect(await store.commit(target, 'p', step('p', 2, 1))).toBe(false);
    expect(await store.commit(target, 'p', { ...step('p', 2, 1), releases: 3 })).toBe(false);
    expect(await store.commit(target, 'p', { ...step('p', 2, 1), releases: 2 })).toBe(true);
    expect(await store.readState(target, 'p')).toEqual({ version: 2 });
    expect(await store.park(target, 'fresh', 0, mark)).toBe(true);
    expect(await store.readState(target, 'fresh')).toMatchObject({ version: 0, parked: mark });
  });

  it('refuses a change the database rejects with READ_MODEL_REJECTED and its coordinates, storing none of it', async () => {
    const { store, reader } = await storeOf(fresh('reject'));
    const change = { kind: 'sql' as const, statements: [add('x', 1), add('x', 2_000_000)] };
    await expect(store.commit(target, 'x', { from: 0, to: 1, change })).rejects.toMatchObject({
      code: 'READ_MODEL_REJECTED',
      httpStatus: 422,
      context: {
        projection: target.projection,
        slot: 'blue',
        streamId: 'x',
        version: 1,
        statement: 2,
        sqlState: '23514',
      },
    });
    expect(await store.readState(target, 'x')).toEqual({ version: 0 });
    expect((await reader.dump(target)).tables.counters).toEqual([]);
  });

  it('reads through a read-only transaction in the schema of the table set', async () => {
    const { store, reader } = await storeOf(fresh('read'));
    await store.commit(target, 'q', step('q', 1, 4));
    expect(
      (await reader.query(target, sql`SELECT total FROM counters WHERE stream_id = ${'q'}`)).rows,
    ).toEqual([{ total: 4 }]);
    await expect(reader.query(target, sql`DELETE FROM counters`)).rejects.toMatchObject({ code: '25006' });
  });
}
