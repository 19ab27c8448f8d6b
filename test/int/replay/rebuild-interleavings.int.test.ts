import fc from 'fast-check';
import { isOpenRebuild } from '../../../src/application/rebuild/rebuild-status';
import { isEventfoldError } from '../../../src/domain/errors';
import type { StoredEvent } from '../../../src/domain/stored-event';
import type { ProjectionPointer } from '../../../src/projections/table-pointer';
import { counted, type CounterView, foldCounters } from '../../e2e/replay/counters';
import { PgliteSqlClient } from '../../../src/infrastructure/sql/pglite-sql-client';
import { projectionParts, type ProjectionParts, type RebuildWorld, startRebuildWorld } from './rebuild-world';
import { sqlProjectionParts } from './sql-rebuild-parts';

/**
 * Guarantee 8 under random interleavings (issue 21): rebuild starts, rollbacks, aborts, replay steps (pages and flip
 * gate checks, hence flips) and live writes, run in random groups of concurrent calls against DynamoDB Local with
 * the real rebuild service, flip gate, slot clear and projection runner, while two readers keep reading through the
 * pointer. Checked throughout: the pointer never names one table twice, and no reader ever sees a document's
 * version go down (a cleared active table shows as a document going back to nothing). After quiescence: the active
 * table equals the fold of the events, and the pointer names a running rebuild only while that rebuild is open.
 * The same programs drive a SQL projection (its schemas on PGlite, the pointer on DynamoDB Local), fewer of them.
 * `npm test` runs RUNS (SQL_RUNS) programs; EVENTFOLD_REBUILD_PROPERTY_RUNS (EVENTFOLD_REBUILD_SQL_RUNS) sets more.
 */
const RUNS = Number(process.env.EVENTFOLD_REBUILD_PROPERTY_RUNS ?? 12);
const SQL_RUNS = Number(process.env.EVENTFOLD_REBUILD_SQL_RUNS ?? 4);
const STREAMS = 4;

type Command =
  | { readonly kind: 'write'; readonly stream: number }
  | { readonly kind: 'start' | 'rollback' | 'abort' }
  | { readonly kind: 'step'; readonly times: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('write' as const), stream: fc.nat(STREAMS - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('start' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rollback' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('abort' as const) }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('step' as const), times: fc.integer({ min: 1, max: 4 }) }),
  },
);

/** A program: groups of calls; the calls of a group run at the same time, the groups one after the other. */
const program = fc.array(fc.array(command, { minLength: 1, maxLength: 3 }), { minLength: 4, maxLength: 9 });

let world: RebuildWorld;
let pglite: PgliteSqlClient | undefined;
const ledger: StoredEvent[] = [];
const tally = new Map<string, number>();
/** What the tally's keys start with: the kind of read model the current program drives. */
let kind = '';
const count = (key: string) => tally.set(`${kind}${key}`, (tally.get(`${kind}${key}`) ?? 0) + 1);

beforeAll(async () => {
  world = await startRebuildWorld();
}, 120_000);

afterAll(async () => {
  const lines = [...tally].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `  ${k}: ${v}`);
  process.stdout.write(`rebuild interleavings, ${RUNS} + ${SQL_RUNS} SQL runs:\n${lines.join('\n')}\n`);
  await pglite?.close();
  await world?.stop();
}, 30_000);

function namesOneTableTwice(pointer: ProjectionPointer): boolean {
  const named = [pointer.active, pointer.previous, pointer.rebuilding?.standby].filter(Boolean);
  return new Set(named).size !== named.length;
}

/** Commits one event on the stream and delivers it live, as the forwarder and the projection consumer would. */
async function write(parts: ProjectionParts, streamId: string): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    let version = 0;
    for await (const e of world.events.readStream(streamId)) version = e.version;
    const commit = { streamId, expectedVersion: version, events: [counted(version + 1)] };
    try {
      await world.events.commit({ commitId: `${streamId}@${version + 1}`, streams: [commit] });
    } catch (error) {
      // Two writes of a group on the same stream: the loser reads again and writes the next version.
      if (isEventfoldError(error) && error.code === 'CONCURRENCY_CONFLICT') continue;
      throw error;
    }
    const stored: StoredEvent[] = [];
    for await (const e of world.events.readStream(streamId, { fromVersion: version + 1 })) stored.push(e);
    ledger.push(...stored);
    await parts.live(stored);
    return;
  }
}

async function run(parts: ProjectionParts, streams: readonly string[], c: Command): Promise<void> {
  const { projection, rebuilds } = parts;
  const call = async () => {
    if (c.kind === 'write') return write(parts, streams[c.stream]!);
    if (c.kind === 'step') for (let i = 0; i < c.times; i++) await parts.stepReplays();
    if (c.kind === 'start') await rebuilds.start(projection);
    if (c.kind === 'rollback') await rebuilds.rollback(projection);
    if (c.kind === 'abort') await rebuilds.abort(projection);
  };
  try {
    await call();
    count(`${c.kind}: done`);
  } catch (error) {
    // Refusals of a call that lost a race or came at the wrong time are answers, and so is a rollback's 503 (the
    // restored table was not level in time; the pointer keeps `restoring`); anything else fails the run.
    if (isEventfoldError(error) && error.code === 'TEMPORARILY_UNAVAILABLE' && c.kind === 'rollback')
      return void count('rollback: not level in time (503)');
    if (!isEventfoldError(error) || error.code !== 'RULE_VIOLATION') throw error;
    // A slot clear the pointer refused (SlotInUseError) names the slot's role instead of a reason.
    const { reason, role } = error.context as { reason?: string; role?: string };
    count(`${c.kind}: refused (${reason ?? `standby in use as ${role}`})`);
  }
}

/** Reads every stream through the pointer until stopped; records any document whose version went down. */
function keepReading(parts: ProjectionParts, streams: readonly string[], violations: string[]) {
  const seen = new Map<string, number>();
  let stopped = false;
  let reads = 0;
  const done = (async () => {
    while (!stopped) {
      const streamId = streams[reads % streams.length]!;
      const [{ slot, view }, pointer] = await Promise.all([
        parts.read(streamId),
        world.pointers.get(parts.projection),
      ]);
      reads += 1;
      const before = seen.get(streamId) ?? 0;
      const now = view?.lastVersion ?? 0;
      if (now < before) violations.push(`read ${streamId} at v${now} in ${slot} after v${before}`);
      seen.set(streamId, Math.max(before, now));
      if (namesOneTableTwice(pointer)) violations.push(`pointer ${JSON.stringify(pointer)}`);
    }
  })();
  return async () => {
    stopped = true;
    await done;
    return reads;
  };
}

/** Steps every replay until none runs, so that an open rebuild flips or ends. */
async function quiesce(parts: ProjectionParts): Promise<void> {
  for (let i = 0; i < 200 && parts.workflow.running().length > 0; i++) await parts.stepReplays();
}

function foldOf(streamIds: Iterable<string>): Record<string, CounterView> {
  const ids = new Set(streamIds);
  return foldCounters(ledger.filter((e) => ids.has(e.streamId)));
}

/**
 * After quiescence: no violation seen, the pointer names no table twice, nothing is left half done (an open
 * rebuild is on the pointer, and the pointer names only an open one), and the active table equals the fold.
 */
async function checkQuiescent(parts: ProjectionParts, streams: readonly string[], violations: string[]) {
  const pointer = await world.pointers.get(parts.projection);
  const latest = await world.statuses.latest(parts.projection);
  count(`ended on ${pointer.active}, last rebuild ${latest?.state ?? 'none'}`);
  const active = await parts.dump(pointer.active);
  expect(violations).toEqual([]);
  expect(namesOneTableTwice(pointer)).toBe(false);
  const open = latest !== undefined && isOpenRebuild(latest.state);
  expect({ open, on: pointer.rebuilding?.rebuildId }).toEqual({
    open,
    on: open ? latest.rebuildId : undefined,
  });
  expect(active).toEqual(foldOf(Object.keys(active)));
  expect(Object.keys(active)).toEqual(expect.arrayContaining([...streams]));
  expect(parts.deadLetters.letters).toEqual([]);
}

let runs = 0;

/** Runs one program on a fresh projection: the groups, then quiescence, then the checks. */
async function runProgram(parts: ProjectionParts, groups: Command[][], prefix: string): Promise<void> {
  const streams = Array.from({ length: STREAMS }, (_, i) => `${prefix}${runs}#${i}`);
  for (const streamId of streams) await write(parts, streamId);
  const violations: string[] = [];
  const stopReaders = [
    keepReading(parts, streams, violations),
    keepReading(parts, [...streams].reverse(), violations),
  ];
  try {
    for (const group of groups) await Promise.all(group.map((c) => run(parts, streams, c)));
    await quiesce(parts);
  } finally {
    for (const stop of stopReaders) tally.set('reads', (tally.get('reads') ?? 0) + (await stop()));
  }
  await checkQuiescent(parts, streams, violations);
}

describe('random interleavings of rebuild, rollback, abort, flip and live writes', () => {
  it('never clear or regress the active table, never name a table twice, and end equal to the fold', async () => {
    await fc.assert(
      fc.asyncProperty(program, async (groups) => {
        runs += 1;
        await runProgram(await projectionParts(world, `mix${runs}`, { inFlightMs: 200 }), groups, 'Mix');
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 600_000);

  it('never clear or regress the active schema of a SQL projection, and end equal to the fold', async () => {
    pglite ??= await PgliteSqlClient.open();
    const client = pglite;
    kind = 'SQL ';
    await fc.assert(
      fc.asyncProperty(program, async (groups) => {
        runs += 1;
        const parts = sqlProjectionParts(world, client, `sqlmix${runs}`, { inFlightMs: 200 });
        await runProgram(parts, groups, 'SqlMix');
      }),
      { numRuns: SQL_RUNS, endOnFailure: true },
    );
  }, 600_000);
});
