import { FlipGate } from '../../../src/application/rebuild/rebuild-gate';
import { RebuildService } from '../../../src/application/rebuild/rebuild-service';
import type {
  RebuildChange,
  RebuildState,
  RebuildStatus,
  RebuildStatusStore,
} from '../../../src/application/rebuild/rebuild-status';
import { DynamoDbProjectionPointerStore } from '../../../src/infrastructure/dynamodb/control/dynamodb-pointer-store';
import { DynamoDbRebuildStatusStore } from '../../../src/infrastructure/dynamodb/control/dynamodb-rebuild-status-store';
import { DynamoDbSlotClear } from '../../../src/infrastructure/dynamodb/control/dynamodb-slot-clear';
import { DynamoDbSlotVersions } from '../../../src/infrastructure/dynamodb/control/dynamodb-slot-versions';
import { DynamoDbReadModelStore, tableOfConfig } from '../../../src/infrastructure/dynamodb/read-models';
import { ensureTable, readModelTableDefinition } from '../../../src/infrastructure/dynamodb/tables';
import { waitFor } from '../../../src/infrastructure/local/free-port';
import { replayStreamPublishers } from '../../../src/infrastructure/stepfunctions/replay-publishers';
import type { ProjectionPointer } from '../../../src/projections/table-pointer';
import { executionsOf, startReplayHarness, testEvent, type ReplayHarness } from './replay-harness';

const PROJECTION = 'quick';

/** The real status store, passed through; the test's variants change one call. */
class PassThroughStatuses implements RebuildStatusStore {
  constructor(protected readonly store: RebuildStatusStore) {}

  begin(status: RebuildStatus) {
    return this.store.begin(status);
  }

  get(projection: string, rebuildId: string) {
    return this.store.get(projection, rebuildId);
  }

  latest(projection: string) {
    return this.store.latest(projection);
  }

  update(projection: string, rebuildId: string, change: RebuildChange, options?: UpdateOptions) {
    return this.store.update(projection, rebuildId, change, options);
  }

  updateWithPointer(
    pointer: ProjectionPointer,
    expectedRevision: number,
    rebuildId: string,
    change: RebuildChange,
    options: UpdateOptions & { readonly from: readonly RebuildState[] },
  ) {
    return this.store.updateWithPointer(pointer, expectedRevision, rebuildId, change, options);
  }
}

type UpdateOptions = { readonly release?: boolean; readonly from?: readonly RebuildState[] };

/**
 * The real status store, except that the rebuild service's REPLAYING write lands only once the rebuild's replay
 * execution has ended: as when that write is throttled and retried, or the function making it pauses, while a
 * short replay runs to its end and checks the flip gate.
 */
class LateReplayingWrite extends PassThroughStatuses {
  constructor(
    store: RebuildStatusStore,
    private readonly ended: (replayId: string) => boolean,
  ) {
    super(store);
  }

  override async update(
    projection: string,
    rebuildId: string,
    change: RebuildChange,
    options?: UpdateOptions,
  ) {
    if (change.state === 'REPLAYING') {
      const { replayId } = (await this.store.get(projection, rebuildId))!;
      await waitFor(async () => this.ended(replayId), 'the replay execution to end', 30_000);
    }
    return this.store.update(projection, rebuildId, change, options);
  }
}

let h: ReplayHarness;
let gate: FlipGate | undefined;

beforeAll(async () => {
  h = await startReplayHarness({ replayShards: 1, gate: () => gate, gateWaitSeconds: 0 });
  const streams = [1, 2, 3].map((n) => ({ streamId: `Q#${n}`, expectedVersion: 0, events: [testEvent(n)] }));
  await h.events.commit({ commitId: 'seed', streams });
}, 120_000);

afterAll(async () => {
  await h?.stop();
}, 30_000);

/**
 * The projection's two tables, its pointer and status stores, the slot reset and read models over its tables, and
 * the real flip gate the replay workflow checks.
 */
async function rebuildParts(projection: string) {
  const { client, config } = h.ddb;
  const tableOf = tableOfConfig(config);
  for (const slot of ['blue', 'green'] as const) {
    await ensureTable(client, readModelTableDefinition(tableOf({ projection, slot })));
  }
  const pointers = new DynamoDbProjectionPointerStore(client, config.controlTable);
  const statuses = new DynamoDbRebuildStatusStore(client, config.controlTable);
  gate = new FlipGate({
    pointers,
    statuses,
    events: h.events,
    settleMs: 200,
    versions: new DynamoDbSlotVersions(client, tableOf),
    publisherFor: replayStreamPublishers(h.kinesis, h.replayStream),
  });
  return {
    pointers,
    statuses,
    reset: new DynamoDbSlotClear(client, tableOf),
    readModels: new DynamoDbReadModelStore(client, tableOf),
  };
}

/**
 * The real status store, except that before the first write that ends a rebuild as FAILED together with the
 * pointer (an abort) it runs `first` (the test lets the flip gate flip the pointer there).
 */
class FlipBeforeAbort extends PassThroughStatuses {
  private ran = false;

  constructor(
    store: RebuildStatusStore,
    private readonly first: () => Promise<void>,
  ) {
    super(store);
  }

  override async updateWithPointer(
    pointer: ProjectionPointer,
    expectedRevision: number,
    rebuildId: string,
    change: RebuildChange,
    options: UpdateOptions & { readonly from: readonly RebuildState[] },
  ) {
    if (change.state === 'FAILED' && !this.ran) {
      this.ran = true;
      await this.first();
    }
    return this.store.updateWithPointer(pointer, expectedRevision, rebuildId, change, options);
  }
}

describe('a rebuild whose replay reaches the flip gate before the rebuild is recorded as REPLAYING', () => {
  it('is gated and flipped all the same, and the late REPLAYING write does not set it back', async () => {
    const { pointers, statuses, reset } = await rebuildParts(PROJECTION);
    const ended = (replayId: string) => executionsOf(h, replayId).some((e) => e.status !== 'RUNNING');
    const rebuilds = new RebuildService({
      pointers,
      statuses: new LateReplayingWrite(statuses, ended),
      reset,
      replays: h.replays,
      catchUp: gate!,
    });

    const started = await rebuilds.start(PROJECTION);

    expect(executionsOf(h, started.replayId).map((e) => e.status)).toEqual(['SUCCEEDED']);
    expect((await h.replays.status(started.replayId)).eventsPublished).toBe(3);
    expect(started).toMatchObject({ state: 'FLIPPED', gateChecks: 1, standby: 'green' });
    expect(await pointers.get(PROJECTION)).toEqual({
      projection: PROJECTION,
      active: 'green',
      previous: 'blue',
      revision: 3,
    });
    expect(await statuses.begin({ ...started, rebuildId: 'next', state: 'RESETTING' })).toBe(true);
  }, 60_000);

  it('stays FLIPPED when an abort loses the pointer to the flip gate', async () => {
    const projection = 'contested';
    const { pointers, statuses, reset, readModels } = await rebuildParts(projection);
    const slot = (name: 'blue' | 'green') => ({ projection, slot: name });
    // The active table is ahead on Q#1 (as if a live event reached it), so the gate waits for the standby.
    expect(await readModels.commit(slot('blue'), 'Q#1', { from: 0, to: 1, change: { kind: 'none' } })).toBe(
      true,
    );
    const flipFirst = async () => {
      const standby = await readModels.readState(slot('green'), 'Q#1');
      await readModels.commit(slot('green'), 'Q#1', {
        from: standby.version,
        to: 1,
        change: { kind: 'none' },
      });
      await waitFor(async () => (await pointers.get(projection)).active === 'green', 'the flip', 30_000);
    };
    const rebuilds = new RebuildService({
      pointers,
      statuses: new FlipBeforeAbort(statuses, flipFirst),
      reset,
      replays: h.replays,
      catchUp: gate!,
    });
    const started = await rebuilds.start(projection);
    await waitFor(
      async () => ((await statuses.get(projection, started.rebuildId))?.gateChecks ?? 0) > 0,
      'a gate check that finds the standby behind',
      30_000,
    );
    expect((await pointers.get(projection)).active).toBe('blue');

    const view = await rebuilds.abort(projection);

    expect(view.pointer).toMatchObject({ active: 'green', previous: 'blue' });
    expect(view.pointer.rebuilding).toBeUndefined();
    expect(view.rebuild).toMatchObject({ rebuildId: started.rebuildId, state: 'FLIPPED' });
    expect(view.rebuild).not.toHaveProperty('error');
  }, 60_000);
});
