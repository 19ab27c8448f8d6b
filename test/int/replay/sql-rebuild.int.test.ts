import fc from 'fast-check';
import { PgSqlClient } from '../../../src/infrastructure/sql/pg-sql-client';
import { PgliteSqlClient } from '../../../src/infrastructure/sql/pglite-sql-client';
import type { SqlClient } from '../../../src/projections/sql/sql-client';
import { recreate } from '../../../src/projections/sql/sql-schema';
import { sql } from '../../../src/projections/sql/sql-template';
import {
  otherSlot,
  type ProjectionPointer,
  type ProjectionPointerStore,
  slotRoleIn,
  type TableSlot,
} from '../../../src/projections/table-pointer';
import { foldCounters } from '../../e2e/replay/counters';
import { type PostgresServer, postgresMissing, startPostgres } from '../../support/postgres-server';
import { allEvents, rebuildAndFlip, writeLive } from './live-writes';
import { type RebuildWorld, startRebuildWorld } from './rebuild-world';
import { sqlProjectionParts } from './sql-rebuild-parts';

/**
 * Issue 26, item 3: blue/green rebuilds of a SQL projection with the real rebuild service, flip gate, SQL slot
 * clear and projection runner, the pointer and rebuild state on DynamoDB Local, the schemas on PGlite and (where
 * the server helper finds one; CI has it) on a PostgreSQL server.
 */
const CLEAR_RUNS = Number(process.env.SQL_CLEAR_RUNS ?? 20);
let world: RebuildWorld;
let server: Promise<PostgresServer> | undefined;

beforeAll(async () => {
  world = await startRebuildWorld();
}, 120_000);

afterAll(async () => {
  await (await server)?.stop();
  await world?.stop();
}, 60_000);

const databases: [string, string, () => Promise<SqlClient>][] = [
  ['PGlite', 'l', () => PgliteSqlClient.open()],
];
if (!postgresMissing()) {
  databases.push([
    'a PostgreSQL server',
    's',
    async () => {
      const { connectionString } = await (server ??= startPostgres());
      return PgSqlClient.connect({ connectionString, max: 4 });
    },
  ]);
}

/** The real pointer store, except that after its first read it lets `between` run (a pointer change in a race). */
function changedAfterFirstRead(between: () => Promise<unknown>): ProjectionPointerStore {
  let ran = false;
  return {
    get: async (projection) => {
      const pointer = await world.pointers.get(projection);
      if (!ran) {
        ran = true;
        await between();
      }
      return pointer;
    },
    put: (pointer, expected) => world.pointers.put(pointer, expected),
  };
}

describe.each(databases)('rebuilds of a SQL projection on %s', (_, tag, open) => {
  let client: SqlClient;
  beforeAll(async () => void (client = await open()), 60_000);
  afterAll(() => client?.close());

  it('fills the standby schema while live events reach both, flips, rolls back levelled and aborts', async () => {
    const parts = sqlProjectionParts(world, client, `${tag}-cycle`);
    const { projection } = parts;
    const streams = [`${tag.toUpperCase()}C#1`, `${tag.toUpperCase()}C#2`, `${tag.toUpperCase()}C#3`];
    for (let i = 0; i < 3; i++) await writeLive(world, parts, streams);
    const started = await parts.rebuilds.start(projection);
    await parts.stepReplays();
    // Live while the standby fills: the pointer says rebuilding, so these reach both schemas.
    await writeLive(world, parts, streams);
    expect((await world.pointers.get(projection)).rebuilding).toMatchObject({ rebuildId: started.rebuildId });
    await rebuildAndFlipStarted(parts, started.rebuildId);
    const fold = () => allEvents(world, streams).then(foldCounters);

    expect(await world.pointers.get(projection)).toMatchObject({ active: 'green', previous: 'blue' });
    expect(pick(await parts.dump('green'), streams)).toEqual(await fold());
    expect(pick(await parts.dump('blue'), streams)).toEqual(await fold());

    // Only green (active) receives these; the rollback must bring blue level before readers move back.
    for (let i = 0; i < 2; i++) await writeLive(world, parts, streams);
    // The replay read every stream of the store into green, other tests' too; blue only ever had these three.
    const others = Object.keys(await parts.dump('green')).filter((id) => !streams.includes(id));
    const rolled = await parts.rebuilds.rollback(projection);
    expect(rolled.pointer).toMatchObject({ active: 'blue', previous: 'green' });
    expect(rolled.republished).toBe(2 * streams.length + (await allEvents(world, others)).length);
    expect(pick(await parts.dump('blue'), streams)).toEqual(await fold());
    for (const streamId of streams)
      expect((await parts.read(streamId)).view).toEqual((await fold())[streamId]);

    // A rebuild into green (the previous schema) takes it off the pointer first; its abort leaves readers on blue.
    await parts.rebuilds.start(projection);
    const aborted = await parts.rebuilds.abort(projection);
    expect(aborted.rebuild).toMatchObject({ state: 'FAILED', error: 'Error: aborted' });
    expect(aborted.pointer).toMatchObject({ active: 'blue' });
    expect(aborted.pointer.rebuilding).toBeUndefined();
    expect(aborted.pointer.previous).toBeUndefined();
    expect(pick(await parts.dump('blue'), streams)).toEqual(await fold());
    await rebuildAndFlip(world, parts);
    expect(pick(await parts.dump('green'), streams)).toEqual(await fold());
    expect(parts.deadLetters.letters).toEqual([]);
  }, 120_000);

  it('clears a standby schema only when the pointer names it nowhere, for any pointer', async () => {
    const parts = sqlProjectionParts(world, client, `${tag}-guard`);
    const { projection } = parts;
    let revision = (await world.pointers.get(projection)).revision;
    const slot = fc.constantFrom<TableSlot>('blue', 'green');
    const pointers = fc.record({
      active: slot,
      previous: fc.option(slot, { nil: undefined }),
      standby: fc.option(slot, { nil: undefined }),
      restoring: fc.boolean(),
    });
    let refused = 0;
    let cleared = 0;
    await fc.assert(
      fc.asyncProperty(pointers, slot, async (p, target) => {
        const pointer: ProjectionPointer = {
          projection,
          active: p.active,
          previous: p.previous,
          rebuilding: p.standby && { rebuildId: 'r', standby: p.standby },
          restoring: p.restoring ? { rollbackId: 'b' } : undefined,
          revision: revision + 1,
        };
        expect(await world.pointers.put(pointer, revision)).toBe(true);
        revision += 1;
        for (const s of ['blue', 'green'] as const) await seed(parts, s);
        const role = slotRoleIn(pointer, target);
        const outcome = await parts.slots.reset({ projection, slot: target }).catch((e: unknown) => e);
        const rows = await parts.dump(target);
        if (role) {
          refused += 1;
          expect(outcome).toMatchObject({ code: 'RULE_VIOLATION', context: { role, slot: target } });
          expect(Object.keys(rows)).toEqual(['G#1']);
        } else {
          cleared += 1;
          expect(outcome).toBeUndefined();
          expect(rows).toEqual({});
          expect(await parts.slots.versions({ projection, slot: target })).toEqual(new Map());
        }
        expect(Object.keys(await parts.dump(otherSlot(target)))).toEqual(['G#1']);
      }),
      { numRuns: CLEAR_RUNS },
    );
    expect(refused).toBeGreaterThan(0);
    expect(cleared).toBeGreaterThan(0);
  }, 120_000);

  it('keeps a schema the pointer names by the time its drop would commit', async () => {
    const parts = sqlProjectionParts(world, client, `${tag}-late`);
    const { projection } = parts;
    await seed(parts, 'green');
    const read = await world.pointers.get(projection);
    // The clear reads a pointer that leaves green free; before its drop commits, a flip makes green active.
    const flip = {
      projection,
      active: 'green' as const,
      previous: 'blue' as const,
      revision: read.revision + 1,
    };
    const racing = sqlProjectionParts(
      world,
      client,
      projection,
      {},
      changedAfterFirstRead(async () => {
        expect(await world.pointers.put(flip, read.revision)).toBe(true);
      }),
    );

    const outcome = await racing.slots.reset({ projection, slot: 'green' }).catch((e: unknown) => e);

    expect(outcome).toMatchObject({ code: 'RULE_VIOLATION', context: { role: 'active', slot: 'green' } });
    expect(Object.keys(await parts.dump('green'))).toEqual(['G#1']);
  }, 60_000);
});

/** Steps the replay of a started rebuild until the flip gate flipped the pointer. */
async function rebuildAndFlipStarted(parts: ReturnType<typeof sqlProjectionParts>, rebuildId: string) {
  const deadline = Date.now() + 30_000;
  while ((await world.statuses.get(parts.projection, rebuildId))?.state !== 'FLIPPED') {
    if (Date.now() > deadline) throw new Error(`rebuild ${rebuildId} did not flip within 30 s`);
    await parts.stepReplays();
  }
}

/** Gives a schema one row and its gate (as a rebuild or live events left them), whatever it held before. */
async function seed(parts: ReturnType<typeof sqlProjectionParts>, slot: TableSlot): Promise<void> {
  const target = { projection: parts.projection, slot };
  await recreate(
    parts.client,
    parts.store.schemaOf(target),
    parts.store.migrationsOf(parts.projection),
    async () => undefined,
  );
  const row = sql`INSERT INTO counters (stream_id, count, sum, last_version) VALUES ('G#1', 1, 1, 1)`;
  await parts.store.commit(target, 'G#1', { from: 0, to: 1, change: { kind: 'sql', statements: [row] } });
}

function pick<T>(all: Record<string, T>, keys: readonly string[]): Record<string, T> {
  return Object.fromEntries(keys.map((k) => [k, all[k]!]));
}
