import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  OPEN_REBUILD_STATES,
  type RebuildState,
  type RebuildStatus,
  type RebuildStatusStore,
} from '../../src/application/rebuild/rebuild-status';
import type { ReplayStatus, ReplayStatusStore } from '../../src/application/replay/replay-status';
import type { ProjectionPointerStore, TableSlot } from '../../src/projections/table-pointer';

/** The control stores of one deployment: pointers, replay and rebuild status (the rebuild store writes pointers). */
export interface ControlStores {
  readonly pointers: ProjectionPointerStore;
  readonly replays: ReplayStatusStore;
  readonly rebuilds: RebuildStatusStore;
}

/** Options of the contract. */
export interface ControlContractOptions {
  /** Runs of the pointer-and-rebuild operation property; default 25. */
  readonly runs?: number;
}

function newReplay(replayId: string): ReplayStatus {
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

function newRebuild(projection: string, rebuildId: string): RebuildStatus {
  return {
    rebuildId,
    projection,
    state: 'RESETTING',
    from: 'blue',
    standby: 'green',
    replayId: `replay-${rebuildId}`,
    startedAt: new Date().toISOString(),
    gateChecks: 0,
    lagging: 0,
    repaired: 0,
  };
}

const states: RebuildState[] = ['RESETTING', 'REPLAYING', 'GATING', 'FLIPPED', 'FAILED', 'ROLLED_BACK'];
const slot = fc.constantFrom<TableSlot>('blue', 'green');
const fromStates = fc.subarray(states, { minLength: 1 });

/** One operation on the pointer and rebuild stores, over a small space of ids so that they collide. */
const operation = fc.oneof(
  fc.record({ op: fc.constant('begin' as const), id: fc.constantFrom('r1', 'r2') }),
  fc.record({
    op: fc.constant('update' as const),
    id: fc.constantFrom('r1', 'r2', 'r3'),
    state: fc.constantFrom(...states),
    from: fc.option(fromStates, { nil: undefined }),
    release: fc.boolean(),
  }),
  fc.record({ op: fc.constant('put' as const), revision: fc.nat(3), active: slot, rebuilding: fc.boolean() }),
  fc.record({
    op: fc.constant('both' as const),
    id: fc.constantFrom('r1', 'r2'),
    revision: fc.nat(3),
    active: slot,
    state: fc.constantFrom(...states),
    from: fromStates,
    release: fc.boolean(),
  }),
);

type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

/** Runs one operation; what it answered, for comparing with the model's answer. */
async function run(stores: ControlStores, projection: string, o: Operation): Promise<unknown> {
  const pointer = (active: TableSlot, rebuilding: boolean, id = 'r1') => ({
    projection,
    active,
    revision: 0,
    ...(rebuilding ? { rebuilding: { rebuildId: id, standby: 'green' as const } } : {}),
  });
  if (o.op === 'begin') return stores.rebuilds.begin(newRebuild(projection, o.id));
  if (o.op === 'update')
    return stores.rebuilds.update(projection, o.id, { state: o.state }, { from: o.from, release: o.release });
  if (o.op === 'put') return stores.pointers.put(pointer(o.active, o.rebuilding), o.revision);
  const options = { from: o.from, release: o.release };
  return stores.rebuilds.updateWithPointer(
    pointer(o.active, true, o.id),
    o.revision,
    o.id,
    { state: o.state },
    options,
  );
}

/** What a projection's control state looks like after some operations: its pointer, rebuilds and latest. */
async function snapshot(stores: ControlStores, projection: string) {
  const strip = (s: RebuildStatus | undefined) => s && { state: s.state, rebuildId: s.rebuildId };
  return {
    pointer: await stores.pointers.get(projection),
    r1: strip(await stores.rebuilds.get(projection, 'r1')),
    r2: strip(await stores.rebuilds.get(projection, 'r2')),
    latest: strip(await stores.rebuilds.latest(projection)),
  };
}

/**
 * The control stores' contract, run against the DynamoDB adapters (control table on DynamoDB Local) and the
 * in-memory ones the in-memory app's rebuilds and replays use. `reference` (when given) is another set of stores
 * held to give the same answers to the same random operation sequences: the DynamoDB run passes the in-memory
 * stores, so any difference between them fails there.
 */
export function controlStoreContract(
  name: string,
  stores: () => ControlStores,
  reference?: () => ControlStores,
  options: ControlContractOptions = {},
): void {
  describe(`control stores (${name})`, () => {
    it('reports a never rebuilt projection as blue at revision 0, and lets one of two writers win', async () => {
      const { pointers } = stores();
      const projection = `p-${randomUUID()}`;
      expect(await pointers.get(projection)).toEqual({ projection, active: 'blue', revision: 0 });
      const initial = await pointers.get(projection);
      const results = await Promise.all([
        pointers.put({ ...initial, active: 'green', previous: 'blue' }, initial.revision),
        pointers.put({ ...initial, rebuilding: { rebuildId: 'r', standby: 'green' } }, initial.revision),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await pointers.get(projection)).revision).toBe(1);
      expect(await pointers.put({ ...initial, active: 'green' }, 0)).toBe(false);
      await pointers.put({ projection, active: 'green', rebuilding: undefined, revision: 9 }, 1);
      expect(await pointers.get(projection)).toEqual({ projection, active: 'green', revision: 2 });
    });

    it('counts a retried page and a re-recorded execution once', async () => {
      const { replays } = stores();
      const id = randomUUID();
      await replays.create(newReplay(id));
      const to = { after: { committedAt: '2026-01-01T00:00:00.000Z', streamId: 'A#1', version: 3 } };
      expect(await replays.recordProgress(id, {}, to, 3)).toBe('recorded');
      expect(await replays.recordProgress(id, {}, to, 3)).toBe('already-recorded');
      for (const arn of ['arn:1', 'arn:1', 'arn:2']) await replays.recordExecution(id, arn);
      const status = await replays.get(id);
      expect(status).toMatchObject({ eventsPublished: 3, pages: 1, position: to });
      expect(status).toMatchObject({ executions: 2, executionArn: 'arn:2' });
      await expect(replays.create(newReplay(id))).rejects.toBeDefined();
    });

    it('stops recording progress once a replay is cancelled, and only a failed replay reopens', async () => {
      const { replays } = stores();
      const [c, f] = [randomUUID(), randomUUID()];
      await replays.create(newReplay(c));
      expect(await replays.finish(c, 'CANCELLED', ['RUNNING'])).toBe(true);
      expect(await replays.recordProgress(c, {}, { nextVersion: 4 }, 3)).toBe('not-running');
      expect(await replays.reopen(c)).toBe(false);
      await replays.create(newReplay(f));
      expect(await replays.finish(f, 'FAILED', ['RUNNING'], 'boom')).toBe(true);
      expect(await replays.get(f)).toMatchObject({ state: 'FAILED', error: 'boom' });
      expect(await replays.reopen(f)).toBe(true);
      const reopened = await replays.get(f);
      expect(reopened?.state).toBe('RUNNING');
      expect(reopened?.error).toBeUndefined();
    });

    it('changes a rebuild only from the states it names; a refused change leaves it as it was', async () => {
      const { rebuilds } = stores();
      const p = `p-${randomUUID()}`;
      expect(await rebuilds.begin(newRebuild(p, 'rb'))).toBe(true);
      expect(await rebuilds.begin(newRebuild(p, 'rb-other'))).toBe(false);
      expect(await rebuilds.update(p, 'rb', { state: 'REPLAYING' }, { from: ['RESETTING'] })).toBe(true);
      expect(await rebuilds.update(p, 'rb', { state: 'REPLAYING' }, { from: ['RESETTING'] })).toBe(false);
      expect(await rebuilds.update(p, 'rb', { state: 'FLIPPED', gateChecks: 1 }, { release: true })).toBe(
        true,
      );
      const failed = { state: 'FAILED' as const, error: 'late' };
      expect(await rebuilds.update(p, 'rb', failed, { release: true, from: OPEN_REBUILD_STATES })).toBe(
        false,
      );
      expect(await rebuilds.get(p, 'rb')).toMatchObject({ state: 'FLIPPED', gateChecks: 1 });
      expect(await rebuilds.get(p, 'rb')).not.toHaveProperty('error');
      expect(await rebuilds.begin(newRebuild(p, 'rb-next'))).toBe(true);
      expect((await rebuilds.latest(p))?.rebuildId).toBe('rb-next');
      expect(await rebuilds.update(p, 'missing', { state: 'GATING' })).toBe(false);
    });

    it('writes the pointer and the rebuild together or neither', async () => {
      const { pointers, rebuilds } = stores();
      const p = `p-${randomUUID()}`;
      await rebuilds.begin(newRebuild(p, 'rb'));
      const flipped = { projection: p, active: 'green' as const, previous: 'blue' as const, revision: 0 };
      const change = { state: 'FLIPPED' as const };
      expect(await rebuilds.updateWithPointer(flipped, 3, 'rb', change, { from: ['RESETTING'] })).toBe(false);
      expect(await rebuilds.updateWithPointer(flipped, 0, 'rb', change, { from: ['GATING'] })).toBe(false);
      expect(await pointers.get(p)).toMatchObject({ active: 'blue', revision: 0 });
      expect(await rebuilds.get(p, 'rb')).toMatchObject({ state: 'RESETTING' });
      const options = { from: ['RESETTING'] as RebuildState[], release: true };
      expect(await rebuilds.updateWithPointer(flipped, 0, 'rb', change, options)).toBe(true);
      expect(await pointers.get(p)).toMatchObject({ active: 'green', previous: 'blue', revision: 1 });
      expect(await rebuilds.get(p, 'rb')).toMatchObject({ state: 'FLIPPED' });
      expect(await rebuilds.begin(newRebuild(p, 'rb-2'))).toBe(true);
    });

    if (reference) {
      it('answers random sequences of pointer and rebuild operations as the reference stores do', async () => {
        await fc.assert(
          fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 12 }), async (operations) => {
            const projection = `p-${randomUUID()}`;
            const [subject, model] = [stores(), reference()];
            for (const o of operations)
              expect(await run(subject, projection, o)).toBe(await run(model, projection, o));
            expect(await snapshot(subject, projection)).toEqual(await snapshot(model, projection));
          }),
          { numRuns: options.runs ?? 25 },
        );
      }, 120_000);
    }
  });
}
