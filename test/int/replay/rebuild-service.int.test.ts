import { FlipGate } from '../../../src/application/rebuild/rebuild-gate';
import { RebuildService } from '../../../src/application/rebuild/rebuild-service';
import { DynamoDbSlotVersions } from '../../../src/infrastructure/dynamodb/control/dynamodb-slot-versions';
import { replayStreamPublishers } from '../../../src/infrastructure/stepfunctions/replay-publishers';
import { DynamoDbProjectionPointerStore } from '../../../src/infrastructure/dynamodb/control/dynamodb-pointer-store';
import { DynamoDbRebuildStatusStore } from '../../../src/infrastructure/dynamodb/control/dynamodb-rebuild-status-store';
import { DynamoDbSlotClear } from '../../../src/infrastructure/dynamodb/control/dynamodb-slot-clear';
import { DynamoDbReadModelStore, tableOfConfig } from '../../../src/infrastructure/dynamodb/read-models';
import { ensureTable, readModelTableDefinition } from '../../../src/infrastructure/dynamodb/tables';
import { waitFor } from '../../../src/infrastructure/local/free-port';
import { startReplayHarness, testEvent, type ReplayHarness } from './replay-harness';

const PROJECTION = 'abortable';
let h: ReplayHarness;

beforeAll(async () => {
  h = await startReplayHarness({ replayShards: 1, pageLimits: { maxEvents: 10, maxBytes: 1024 * 1024 } });
  const streams = Array.from({ length: 50 }, (_, i) => ({
    streamId: `A#${i}`,
    expectedVersion: 0,
    events: [testEvent(i)],
  }));
  await h.events.commit({ commitId: 'seed', streams });
}, 120_000);

/** The flip gate over the harness's tables and replay stream: the rebuilds' rollback catch-up. */
function catchUpOf(h: ReplayHarness) {
  const { client, config } = h.ddb;
  return new FlipGate({
    pointers: new DynamoDbProjectionPointerStore(client, config.controlTable),
    statuses: new DynamoDbRebuildStatusStore(client, config.controlTable),
    versions: new DynamoDbSlotVersions(client, tableOfConfig(config)),
    events: h.events,
    publisherFor: replayStreamPublishers(h.kinesis, h.replayStream),
  });
}

afterAll(async () => {
  await h?.stop();
}, 30_000);

describe('the rebuild service', () => {
  it('empties the standby, marks the pointer, refuses a second rebuild, and aborts without moving readers', async () => {
    const { client, config } = h.ddb;
    const tableOf = tableOfConfig(config);
    const pointers = new DynamoDbProjectionPointerStore(client, config.controlTable);
    await Promise.all(
      (['blue', 'green'] as const).map((slot) =>
        ensureTable(client, readModelTableDefinition(tableOf({ projection: PROJECTION, slot }))),
      ),
    );
    const reset = new DynamoDbSlotClear(client, tableOf);
    const stale = new DynamoDbReadModelStore(client, tableOf);
    await stale.commit({ projection: PROJECTION, slot: 'green' }, 'A#1', {
      from: 0,
      to: 7,
      change: { kind: 'none' },
    });
    const rebuilds = new RebuildService({
      pointers,
      statuses: new DynamoDbRebuildStatusStore(client, config.controlTable),
      reset,
      replays: h.replays,
      catchUp: catchUpOf(h),
    });
    h.faults.delayMs = 200;
    try {
      const started = await rebuilds.start(PROJECTION);
      expect(started).toMatchObject({ state: 'REPLAYING', from: 'blue', standby: 'green' });
      expect((await stale.readState({ projection: PROJECTION, slot: 'green' }, 'A#1')).version).toBe(0);
      expect((await pointers.get(PROJECTION)).rebuilding).toEqual({
        rebuildId: started.rebuildId,
        standby: 'green',
        replayId: started.replayId,
      });
      await expect(rebuilds.start(PROJECTION)).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
      await waitFor(
        async () => ((await rebuilds.status(PROJECTION)).replay?.eventsPublished ?? 0) > 0,
        'the replay to publish',
        30_000,
      );
      const aborted = await rebuilds.abort(PROJECTION);
      expect(aborted.rebuild).toMatchObject({ state: 'FAILED', error: 'Error: aborted' });
      expect(aborted.pointer).toMatchObject({ active: 'blue' });
      expect(aborted.pointer.rebuilding).toBeUndefined();
      expect((await h.replays.status(started.replayId)).state).toBe('CANCELLED');
      await expect(rebuilds.rollback(PROJECTION)).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
      const again = await rebuilds.start(PROJECTION);
      expect(again.rebuildId).not.toBe(started.rebuildId);
      await rebuilds.abort(PROJECTION);
    } finally {
      h.faults.delayMs = 0;
    }
  }, 60_000);

  it('resumes the same rebuild when clearing the standby ran out of its time budget, calling again until it is empty', async () => {
    const { client, config } = h.ddb;
    const projection = 'resumable';
    const tableOf = tableOfConfig(config);
    const green = { projection, slot: 'green' as const };
    await Promise.all(
      (['blue', 'green'] as const).map((slot) =>
        ensureTable(client, readModelTableDefinition(tableOf({ projection, slot }))),
      ),
    );
    const stale = new DynamoDbReadModelStore(client, tableOf);
    const STALE_ROWS = 1_200;
    for (let i = 0; i < STALE_ROWS; i += 100) {
      await Promise.all(
        Array.from({ length: 100 }, (_, j) =>
          stale.commit(green, `S#${i + j}`, { from: 0, to: 3, change: { kind: 'none' } }),
        ),
      );
    }
    const statuses = new DynamoDbRebuildStatusStore(client, config.controlTable);
    const rebuilds = new RebuildService({
      pointers: new DynamoDbProjectionPointerStore(client, config.controlTable),
      statuses,
      // 30 ms per call: each call deletes a page or two of the 1,200 stale rows, then answers 503.
      reset: new DynamoDbSlotClear(client, tableOf, { segments: 2, timeBudgetMs: 30 }),
      replays: h.replays,
      catchUp: catchUpOf(h),
    });
    await expect(rebuilds.start(projection)).rejects.toMatchObject({ code: 'TEMPORARILY_UNAVAILABLE' });
    const first = await statuses.latest(projection);
    expect(first).toMatchObject({ state: 'RESETTING', standby: 'green' });
    let calls = 1;
    let started: Awaited<ReturnType<RebuildService['start']>> | undefined;
    while (!started && calls < 200) {
      calls += 1;
      started = await rebuilds.start(projection).catch((error: unknown) => {
        expect(error).toMatchObject({ code: 'TEMPORARILY_UNAVAILABLE' });
        return undefined;
      });
      // Between calls the rebuild stays the same one, still resetting: no failed rebuild per call.
      if (!started)
        expect(await statuses.latest(projection)).toMatchObject({
          rebuildId: first!.rebuildId,
          state: 'RESETTING',
        });
    }
    expect(started).toMatchObject({
      rebuildId: first!.rebuildId,
      replayId: first!.replayId,
      state: 'REPLAYING',
    });
    for (const streamId of ['S#0', 'S#599', `S#${STALE_ROWS - 1}`]) {
      expect((await stale.readState(green, streamId)).version).toBe(0);
    }
    await expect(rebuilds.start(projection)).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
    const aborted = await rebuilds.abort(projection);
    expect(aborted.rebuild).toMatchObject({ rebuildId: first!.rebuildId, state: 'FAILED' });
  }, 90_000);
});
