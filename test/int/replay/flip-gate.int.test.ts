import { FlipGate } from '../../../src/application/rebuild/rebuild-gate';
import type { RebuildStatus } from '../../../src/application/rebuild/rebuild-status';
import type { ReplayTarget } from '../../../src/application/replay/replay-status';
import { readModelTableName } from '../../../src/infrastructure/config';
import { DynamoDbProjectionPointerStore } from '../../../src/infrastructure/dynamodb/control/dynamodb-pointer-store';
import { DynamoDbRebuildStatusStore } from '../../../src/infrastructure/dynamodb/control/dynamodb-rebuild-status-store';
import { DynamoDbSlotVersions } from '../../../src/infrastructure/dynamodb/control/dynamodb-slot-versions';
import { DynamoDbReadModelStore, tableOfConfig } from '../../../src/infrastructure/dynamodb/read-models';
import { ensureTable } from '../../../src/infrastructure/dynamodb/tables/create-tables';
import { readModelTableDefinition } from '../../../src/infrastructure/dynamodb/tables/read-model-table';
import { replayStreamPublishers } from '../../../src/infrastructure/stepfunctions/replay-publishers';
import type { TableSlot } from '../../../src/projections/table-pointer';
import { readEnvelopes, startReplayHarness, testEvent, type ReplayHarness } from './replay-harness';

const PROJECTION = 'gated';
let h: ReplayHarness;

async function moveGate(slot: TableSlot, streamId: string, from: number, to: number): Promise<void> {
  const store = new DynamoDbReadModelStore(h.ddb.client, tableOfConfig(h.ddb.config));
  expect(
    await store.commit({ projection: PROJECTION, slot }, streamId, { from, to, change: { kind: 'none' } }),
  ).toBe(true);
}

beforeAll(async () => {
  h = await startReplayHarness({ replayShards: 2 });
  for (const slot of ['blue', 'green'] as const) {
    await ensureTable(
      h.ddb.client,
      readModelTableDefinition(readModelTableName(h.ddb.config, PROJECTION, slot)),
    );
  }
}, 120_000);

afterAll(async () => {
  await h?.stop();
}, 30_000);

describe('the flip gate of a rebuild', () => {
  it('waits while the standby is behind, republishes what it misses once it stops moving, then flips once', async () => {
    const { client, config } = h.ddb;
    await h.events.commit({
      commitId: 'g1',
      streams: [{ streamId: 'G#1', expectedVersion: 0, events: [1, 2, 3].map((n) => testEvent(n)) }],
    });
    await h.events.commit({
      commitId: 'g2',
      streams: [{ streamId: 'G#2', expectedVersion: 0, events: [testEvent(4)] }],
    });
    const pointers = new DynamoDbProjectionPointerStore(client, config.controlTable);
    const statuses = new DynamoDbRebuildStatusStore(client, config.controlTable);
    const rebuild: RebuildStatus = {
      rebuildId: 'rb-1',
      projection: PROJECTION,
      state: 'REPLAYING',
      from: 'blue',
      standby: 'green',
      replayId: 'rp-1',
      startedAt: new Date().toISOString(),
      gateChecks: 0,
      lagging: 0,
      repaired: 0,
    };
    expect(await statuses.begin(rebuild)).toBe(true);
    expect(await statuses.begin({ ...rebuild, rebuildId: 'rb-2' })).toBe(false);
    expect(
      await pointers.put(
        {
          projection: PROJECTION,
          active: 'blue',
          rebuilding: { rebuildId: 'rb-1', standby: 'green', replayId: 'rp-1' },
          revision: 1,
        },
        0,
      ),
    ).toBe(true);
    await moveGate('blue', 'G#1', 0, 3);
    await moveGate('blue', 'G#2', 0, 1);
    await moveGate('green', 'G#1', 0, 1);
    await moveGate('green', 'G#2', 0, 1);
    const gate = new FlipGate({
      pointers,
      statuses,
      events: h.events,
      settleMs: 300,
      versions: new DynamoDbSlotVersions(client, tableOfConfig(config)),
      publisherFor: replayStreamPublishers(h.kinesis, h.replayStream),
    });
    const target: ReplayTarget = { projection: PROJECTION, slot: 'green', rebuildId: 'rb-1' };

    expect(await gate.tryFinish('rp-1', target, 0)).toBe(false);
    expect(await statuses.get(PROJECTION, 'rb-1')).toMatchObject({
      state: 'GATING',
      lagging: 1,
      repaired: 0,
    });
    expect(await gate.tryFinish('rp-1', target, 1)).toBe(false);
    expect(await statuses.get(PROJECTION, 'rb-1')).toMatchObject({ lagging: 1, repaired: 2 });
    const republished = (await readEnvelopes(h.kinesis, h.replayStream)).filter(
      (r) => r.envelope.replay?.replayId === 'rp-1',
    );
    expect(republished.flatMap((r) => r.envelope.events.map((e) => `${e.streamId}@${e.version}`))).toEqual([
      'G#1@2',
      'G#1@3',
    ]);
    expect(republished[0]?.envelope.replay).toEqual({
      replayId: 'rp-1',
      projection: PROJECTION,
      slot: 'green',
    });
    expect((await pointers.get(PROJECTION)).active).toBe('blue');

    await moveGate('green', 'G#1', 1, 3);
    expect(await gate.tryFinish('rp-1', target, 2)).toBe(true);
    expect(await pointers.get(PROJECTION)).toEqual({
      projection: PROJECTION,
      active: 'green',
      previous: 'blue',
      revision: 3,
    });
    expect(await statuses.get(PROJECTION, 'rb-1')).toMatchObject({ state: 'FLIPPED', lagging: 0 });
    expect(await gate.tryFinish('rp-1', target, 3)).toBe(true);
    expect((await pointers.get(PROJECTION)).revision).toBe(3);
    expect(await statuses.begin({ ...rebuild, rebuildId: 'rb-2' })).toBe(true);
  }, 60_000);
});
