import { waitFor } from '../../../src/infrastructure/local/free-port';
import type { ProjectionPointer, ProjectionPointerStore } from '../../../src/projections/table-pointer';
import { foldCounters } from '../../e2e/replay/counters';
import { FlipGate } from '../../../src/application/rebuild/rebuild-gate';
import type { ReadModelSlotReset } from '../../../src/application/rebuild/rebuild-ports';
import { TemporarilyUnavailableError } from '../../../src/domain/domain-errors';
import type { SlotVersions } from '../../../src/application/rebuild/rebuild-ports';
import { DynamoDbSlotClear } from '../../../src/infrastructure/dynamodb/control/dynamodb-slot-clear';
import { DynamoDbSlotVersions } from '../../../src/infrastructure/dynamodb/control/dynamodb-slot-versions';
import { tableOfConfig } from '../../../src/infrastructure/dynamodb/read-models';
import type { ReadModelTarget } from '../../../src/projections/read-model-store';
import { replayTagOf } from '../../../src/infrastructure/stepfunctions/replay-publishers';
import { PgliteSqlClient } from '../../../src/infrastructure/sql/pglite-sql-client';
import {
  allEvents as allEventsOf,
  commitOne as commitNext,
  rebuildAndFlip as flipAfterRebuild,
  writeLive as writeLiveTo,
} from './live-writes';
import { projectionParts, type ProjectionParts, type RebuildWorld, startRebuildWorld } from './rebuild-world';
import { sqlProjectionParts } from './sql-rebuild-parts';

/**
 * Issue 21, findings 1 and 2, against DynamoDB Local with the real rebuild service, flip gate, slot clear and
 * projection runner: a rollback racing a rebuild start never leaves a rebuild that clears the active table, and a
 * rollback never lets a reader see a document go back.
 */
let world: RebuildWorld;
let pglite: PgliteSqlClient | undefined;

beforeAll(async () => {
  world = await startRebuildWorld();
}, 120_000);

afterAll(async () => {
  await pglite?.close();
  await world?.stop();
}, 30_000);

/** The kinds of read model the races run on: DynamoDB tables, and a SQL projection's schemas on PGlite. */
const kinds: [string, string, (projection: string) => Promise<ProjectionParts>][] = [
  ['DynamoDB tables', '', (projection) => projectionParts(world, projection)],
  [
    'SQL schemas (PGlite)',
    'S',
    async (projection) =>
      sqlProjectionParts(world, (pglite ??= await PgliteSqlClient.open()), `sql-${projection}`),
  ],
];
const writeLive = (parts: ProjectionParts, streamIds: readonly string[]) =>
  writeLiveTo(world, parts, streamIds);
const allEvents = (streamIds: readonly string[]) => allEventsOf(world, streamIds);
const rebuildAndFlip = (parts: ProjectionParts) => flipAfterRebuild(world, parts);
const commitOne = (streamId: string) => commitNext(world, streamId);

/** The real pointer store, except that right after the first read it lets `between` run to its end. */
class RunAfterFirstRead implements ProjectionPointerStore {
  private ran = false;

  constructor(
    private readonly store: ProjectionPointerStore,
    private readonly between: () => Promise<unknown>,
  ) {}

  async get(projection: string) {
    const pointer = await this.store.get(projection);
    if (!this.ran) {
      this.ran = true;
      await this.between();
    }
    return pointer;
  }

  put(pointer: ProjectionPointer, expectedRevision: number) {
    return this.store.put(pointer, expectedRevision);
  }
}

function namesOneTableTwice(pointer: ProjectionPointer): boolean {
  const named = [pointer.active, pointer.previous, pointer.rebuilding?.standby].filter(Boolean);
  return new Set(named).size !== named.length;
}

describe.each(kinds)('a rollback racing a rebuild start (issue 21, finding 1), %s', (_, tag, partsNamed) => {
  it('marks the start that lost FAILED, and the next start never clears the table readers use', async () => {
    const parts = await partsNamed('raced');
    const projection = parts.projection;
    const streams = [`${tag}R#1`, `${tag}R#2`, `${tag}R#3`];
    for (let i = 0; i < 3; i++) await writeLive(parts, streams);
    await rebuildAndFlip(parts);
    expect(await world.pointers.get(projection)).toMatchObject({ active: 'green', previous: 'blue' });
    let rolledBack: unknown;
    // The start reads the pointer, the rollback runs to its end, then the start goes on with what it read.
    const racing = parts.rebuildsWith({
      pointers: new RunAfterFirstRead(world.pointers, async () => {
        rolledBack = await parts.rebuilds.rollback(projection);
      }),
    });

    await expect(racing.start(projection)).rejects.toMatchObject({ code: 'RULE_VIOLATION' });

    expect(rolledBack).toMatchObject({ pointer: { active: 'blue', previous: 'green' } });
    const lost = await world.statuses.latest(projection);
    const next = await parts.rebuilds.start(projection);
    const fold = foldCounters(await allEvents(streams));
    for (const streamId of streams) expect((await parts.read(streamId)).view).toEqual(fold[streamId]);
    const pointer = await world.pointers.get(projection);
    expect(namesOneTableTwice(pointer)).toBe(false);
    expect(pointer).toMatchObject({ active: 'blue', rebuilding: { standby: 'green' } });
    expect(await world.statuses.get(projection, lost!.rebuildId)).toMatchObject({ state: 'FAILED' });
    expect(next.rebuildId).not.toBe(lost!.rebuildId);
    await parts.rebuilds.abort(projection);
  }, 90_000);
});

describe.each(kinds)(
  'a rollback while readers read and a writer writes (issue 21, finding 2), %s',
  (_, tag, partsNamed) => {
    it('moves readers back only once the restored table is level: no document version ever goes down', async () => {
      const parts = await partsNamed('restored');
      const projection = parts.projection;
      const streams = Array.from({ length: 8 }, (_, i) => `${tag}B#${i}`);
      await writeLive(parts, streams);
      await rebuildAndFlip(parts);
      // Only the active table (green) receives these: the previous one is behind by three events per stream.
      for (let i = 0; i < 3; i++) await writeLive(parts, streams);
      const seen = new Map<string, number>();
      const regressions: string[] = [];
      let reads = 0;
      let stopped = false;
      const reader = (async () => {
        while (!stopped) {
          const streamId = streams[reads % streams.length]!;
          const { slot, view } = await parts.read(streamId);
          reads += 1;
          const before = seen.get(streamId) ?? 0;
          if ((view?.count ?? 0) < before)
            regressions.push(`${streamId} in ${slot}: ${view?.count} < ${before}`);
          seen.set(streamId, Math.max(before, view?.count ?? 0));
        }
      })();
      const writer = (async () => {
        while (!stopped) await writeLive(parts, [streams[Math.floor(Math.random() * streams.length)]!]);
      })();
      await waitFor(async () => reads > 40, 'the reader to read every stream', 10_000);

      const rolled = await parts.rebuilds.rollback(projection);
      await waitFor(async () => reads > 80, 'the reader to read after the rollback', 10_000);
      stopped = true;
      await Promise.all([reader, writer]);

      expect(rolled.pointer).toMatchObject({ active: 'blue', previous: 'green' });
      expect(rolled.pointer.restoring).toBeUndefined();
      expect(regressions).toEqual([]);
      // No lower bound on `republished`: while the pointer is restoring, live writes reach the restored table too and
      // fill their stream's gap from the store, so how much the catch-up republishes depends on the writer's timing.
      // The rebuild's replay reads every stream of the store, the other kind's too: bound by what green holds.
      const held = Object.keys(await parts.dump('green'));
      expect(rolled.republished).toBeLessThanOrEqual((await allEvents(held)).length);
      const blue = await parts.dump('blue');
      const fold = foldCounters(await allEvents(streams));
      expect(Object.fromEntries(streams.map((id) => [id, blue[id]]))).toEqual(fold);
    }, 90_000);
  },
);

/** The real slot versions, except that right after the first full read of `slot` it lets `between` run. */
class RunAfterFirstScan implements SlotVersions {
  private ran = false;

  constructor(
    private readonly versionsOf_: SlotVersions,
    private readonly slot: string,
    private readonly between: () => Promise<void>,
  ) {}

  async versions(target: ReadModelTarget) {
    const read = await this.versionsOf_.versions(target);
    if (!this.ran && target.slot === this.slot) {
      this.ran = true;
      await this.between();
    }
    return read;
  }

  versionsOf(target: ReadModelTarget, streamIds: readonly string[]) {
    return this.versionsOf_.versionsOf(target, streamIds);
  }
}

/** A pointer store that always answers one pointer (a live batch that read it before a change). */
const fixedPointer = (pointer: ProjectionPointer): ProjectionPointerStore => ({
  get: async () => pointer,
  put: async () => false,
});

describe('a flip while a live batch is between the two tables (guarantee 8)', () => {
  it('hands readers over only once the standby holds what they read in the active table', async () => {
    const parts = await projectionParts(world, 'handed');
    const [streamId, projection] = ['H#1', 'handed'];
    const seeded = await writeLive(parts, [streamId]);
    const started = await parts.rebuilds.start(projection);
    const replay = replayTagOf(started.replayId, { projection, slot: 'green' });
    await parts.runner.deliver({ events: await allEvents([streamId]), replay });
    let sawBefore = 0;
    let landed: Promise<void> = Promise.resolve();
    // Right after the gate read the active table: a live batch (it read the pointer before the gate changed it)
    // applies v2 to the active table, a reader reads v2 there, and the batch's write to the standby lands 300 ms
    // later: a slow batch, well within the in-flight allowance.
    const between = async () => {
      const [event] = await commitOne(streamId);
      await parts.runner.deliver(
        { events: [event!] },
        fixedPointer({ projection, active: 'blue', revision: 0 }),
      );
      sawBefore = (await parts.read(streamId)).view?.lastVersion ?? 0;
      landed = new Promise((resolve) => setTimeout(resolve, 300)).then(() =>
        parts.runner.deliver(
          { events: [event!] },
          fixedPointer({ projection, active: 'green', revision: 0 }),
        ),
      );
    };
    const { client, config } = world.ddb;
    const gate = new FlipGate({
      pointers: world.pointers,
      statuses: world.statuses,
      versions: new RunAfterFirstScan(
        new DynamoDbSlotVersions(client, tableOfConfig(config)),
        'blue',
        between,
      ),
      events: world.events,
      publisherFor: (replayId, target) => ({
        publish: (events) => parts.runner.deliver({ events, replay: replayTagOf(replayId, target) }),
      }),
      settleMs: 100,
      pollMs: 20,
      inFlightMs: 1_000,
    });

    const flipped = await gate.tryFinish(
      started.replayId,
      { projection, slot: 'green', rebuildId: started.rebuildId },
      0,
    );
    const sawAfter = await parts.read(streamId);
    await landed;

    expect(seeded).toHaveLength(1);
    expect(flipped).toBe(true);
    expect(sawBefore).toBe(2);
    expect(sawAfter.slot).toBe('green');
    expect(sawAfter.view?.lastVersion).toBe(2);
  }, 60_000);
});

describe('two calls resuming the same rebuild', () => {
  it('leaves the rebuild to the call that put it on the pointer when the other one is refused', async () => {
    const parts = await projectionParts(world, 'resumed');
    const projection = 'resumed';
    await writeLive(parts, ['Q#1', 'Q#2']);
    // The first call runs out of its clearing budget: the rebuild stays RESETTING for a call to resume.
    const outOfTime: ReadModelSlotReset = {
      reset: async () => {
        throw new TemporarilyUnavailableError('the clearing budget ran out');
      },
    };
    await expect(parts.rebuildsWith({ reset: outOfTime }).start(projection)).rejects.toMatchObject({
      code: 'TEMPORARILY_UNAVAILABLE',
    });
    const resetting = await world.statuses.latest(projection);
    expect(resetting).toMatchObject({ state: 'RESETTING' });
    // Call B resumes it and starts clearing only once call A (also resuming it) has put it on the pointer: B's
    // clear then finds the standby named by the running rebuild and is refused.
    const { client, config } = world.ddb;
    const clear = new DynamoDbSlotClear(client, tableOfConfig(config), { pointers: world.pointers });
    const late: ReadModelSlotReset = {
      reset: async (target) => {
        await waitFor(
          async () => (await world.pointers.get(projection)).rebuilding !== undefined,
          'call A to put the rebuild on the pointer',
          20_000,
        );
        return clear.reset(target);
      },
    };
    const callB = parts.rebuildsWith({ reset: late }).start(projection);
    const callA = await parts.rebuilds.start(projection);

    await expect(callB).rejects.toMatchObject({ code: 'RULE_VIOLATION', context: { role: 'rebuilding' } });
    expect(callA).toMatchObject({ rebuildId: resetting!.rebuildId, state: 'REPLAYING' });
    expect(await world.statuses.latest(projection)).toMatchObject({
      rebuildId: resetting!.rebuildId,
      state: 'REPLAYING',
    });
    expect((await world.pointers.get(projection)).rebuilding).toMatchObject({
      rebuildId: resetting!.rebuildId,
    });
    await parts.rebuilds.abort(projection);
  }, 60_000);
});
