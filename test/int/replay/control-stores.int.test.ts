import { DynamoDbProjectionPointerStore } from '../../../src/infrastructure/dynamodb/control/dynamodb-pointer-store';
import { DynamoDbRebuildStatusStore } from '../../../src/infrastructure/dynamodb/control/dynamodb-rebuild-status-store';
import { DynamoDbReplayStatusStore } from '../../../src/infrastructure/dynamodb/control/dynamodb-replay-status-store';
import { OPEN_REBUILD_STATES } from '../../../src/application/rebuild/rebuild-status';
import type { ReplayStatus } from '../../../src/application/replay/replay-status';
import { useDynamoDbFixture } from '../../support/dynamodb-fixture';

const ddb = useDynamoDbFixture({ tablePrefix: 'ctl-' });

function newStatus(replayId: string): ReplayStatus {
  return {
    replayId,
    state: 'RUNNING',
    mode: { kind: 'all' },
    eventsPublished: 0,
    pages: 0,
    position: {},
    startedAt: new Date().toISOString(),
    executions: 0,
    historyBudget: 1_000,
  };
}

describe('projection pointer store (control table)', () => {
  const store = () => new DynamoDbProjectionPointerStore(ddb().client, ddb().config.controlTable);

  it('reports a never rebuilt projection as active on blue at revision 0', async () => {
    expect(await store().get('fresh')).toEqual({ projection: 'fresh', active: 'blue', revision: 0 });
  });

  it('lets exactly one of two writers at the same revision flip the pointer', async () => {
    const initial = await store().get('contested');
    const results = await Promise.all([
      store().put({ ...initial, active: 'green', previous: 'blue' }, initial.revision),
      store().put({ ...initial, rebuilding: { rebuildId: 'r', standby: 'green' } }, initial.revision),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await store().get('contested')).revision).toBe(1);
    expect(await store().put({ ...initial, active: 'green' }, 0)).toBe(false);
  });
});

describe('replay status store (control table)', () => {
  const store = () => new DynamoDbReplayStatusStore(ddb().client, ddb().config.controlTable);

  it('counts a page once when the same progress is recorded twice (a retried iteration)', async () => {
    await store().create(newStatus('p1'));
    const to = { after: { committedAt: '2026-01-01T00:00:00.000Z', streamId: 'A#1', version: 3 } };
    expect(await store().recordProgress('p1', {}, to, 3)).toBe('recorded');
    expect(await store().recordProgress('p1', {}, to, 3)).toBe('already-recorded');
    const status = await store().get('p1');
    expect(status).toMatchObject({ eventsPublished: 3, pages: 1, position: to });
  });

  it('counts each execution once however often it is recorded', async () => {
    await store().create(newStatus('e1'));
    await store().recordExecution('e1', 'arn:1');
    await store().recordExecution('e1', 'arn:1');
    await store().recordExecution('e1', 'arn:2');
    expect(await store().get('e1')).toMatchObject({ executions: 2, executionArn: 'arn:2' });
  });

  it('stops recording progress once the replay is cancelled, and only a failed replay reopens', async () => {
    await store().create(newStatus('c1'));
    expect(await store().finish('c1', 'CANCELLED', ['RUNNING'])).toBe(true);
    expect(await store().recordProgress('c1', {}, { nextVersion: 4 }, 3)).toBe('not-running');
    expect(await store().reopen('c1')).toBe(false);
    await store().create(newStatus('f1'));
    expect(await store().finish('f1', 'FAILED', ['RUNNING'], 'boom')).toBe(true);
    expect(await store().get('f1')).toMatchObject({ state: 'FAILED', error: 'boom' });
    expect(await store().reopen('f1')).toBe(true);
    const reopened = await store().get('f1');
    expect(reopened?.state).toBe('RUNNING');
    expect(reopened?.error).toBeUndefined();
  });
});

describe('rebuild status store (control table)', () => {
  const store = () => new DynamoDbRebuildStatusStore(ddb().client, ddb().config.controlTable);
  const rebuild = {
    rebuildId: 'rb',
    projection: 'guarded',
    state: 'RESETTING' as const,
    from: 'blue' as const,
    standby: 'green' as const,
    replayId: 'rp',
    startedAt: new Date().toISOString(),
    gateChecks: 0,
    lagging: 0,
    repaired: 0,
  };

  it('changes a rebuild only from the states it names; a refused change leaves it as it was', async () => {
    expect(await store().begin(rebuild)).toBe(true);
    expect(await store().update('guarded', 'rb', { state: 'REPLAYING' }, { from: ['RESETTING'] })).toBe(true);
    expect(await store().update('guarded', 'rb', { state: 'REPLAYING' }, { from: ['RESETTING'] })).toBe(
      false,
    );
    const flipped = { state: 'FLIPPED' as const, gateChecks: 1 };
    expect(await store().update('guarded', 'rb', flipped, { release: true })).toBe(true);
    const failed = { state: 'FAILED' as const, error: 'late' };
    expect(await store().update('guarded', 'rb', failed, { release: true, from: OPEN_REBUILD_STATES })).toBe(
      false,
    );
    expect(await store().get('guarded', 'rb')).toMatchObject({ state: 'FLIPPED', gateChecks: 1 });
    expect(await store().get('guarded', 'rb')).not.toHaveProperty('error');
    expect(await store().begin({ ...rebuild, rebuildId: 'rb-next' })).toBe(true);
    expect(await store().update('guarded', 'missing', { state: 'GATING' })).toBe(false);
  });
});
