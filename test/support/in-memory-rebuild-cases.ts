import type { AnyProjection } from '../../src/projections/projection-binding';
import type { ProjectionClass } from '../../src/projections/read-models';
import type { TableSlot } from '../../src/projections/table-pointer';
import type { InMemoryApp, TestAppOptions } from '../../src/testing/in-memory-app';

/** An in-memory orders app whose rebuildable projection counts each order's updates, on one kind of store. */
export interface RebuildSubject {
  readonly app: InMemoryApp;
  readonly projection: ProjectionClass<AnyProjection>;
  /** The projection's name, as the rebuild service takes it. */
  readonly name: string;
  /** Streams the projection fails on, in one table slot only. */
  readonly failing: Map<string, TableSlot>;
  /** What readers see: the updates counted for each of these orders (ids without `Order#`). */
  updates(orderIds: readonly string[]): Promise<Record<string, number | undefined>>;
  /** A look into one table whichever is active, where the store offers one. */
  readonly table?: {
    updates(slot: TableSlot, orderId: string): Promise<number | undefined>;
    versions(slot: TableSlot): Promise<unknown>;
  };
}

const lines = [{ sku: 'a', quantity: 1 }];
const create = (s: RebuildSubject, orderId: string) =>
  s.app.command('CreateOrder', { orderId, customerId: 'c', lines });
const update = (s: RebuildSubject, orderId: string) => s.app.command('UpdateOrder', { orderId, lines });

/** Waits, each turn, until `check` holds; fails after `ms`. */
async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function flipCases(subject: (options?: TestAppOptions) => Promise<RebuildSubject>, timeoutMs: number) {
  it(
    'flips to the standby once it holds what the active table holds, live events included',
    async () => {
      const s = await subject({ replayPages: { maxEvents: 1, maxBytes: 1_000_000 } });
      for (const id of ['a', 'b', 'c']) await create(s, id);
      await s.app.rebuilds.start(s.name);
      // Live while the standby fills: the pointer says rebuilding, so these reach both tables.
      await update(s, 'a');
      await create(s, 'd');
      await s.app.replaysIdle();
      const { pointer, rebuild } = await s.app.rebuilds.status(s.name);
      expect(pointer).toMatchObject({ active: 'green', previous: 'blue' });
      expect(pointer.rebuilding).toBeUndefined();
      expect(rebuild).toMatchObject({ state: 'FLIPPED', lagging: 0 });
      expect(rebuild!.gateChecks).toBeGreaterThanOrEqual(1);
      if (s.table) expect(await s.table.versions('green')).toEqual(await s.table.versions('blue'));
      expect(await s.updates(['a', 'b', 'c', 'd'])).toEqual({ a: 1, b: 0, c: 0, d: 0 });
    },
    timeoutMs,
  );

  it(
    'holds the flip while the standby is behind on a stream, and an abort leaves readers on the active table',
    async () => {
      const s = await subject();
      for (const id of ['a', 'b']) await create(s, id);
      await update(s, 'b');
      s.failing.set('Order#b', 'green');
      await s.app.rebuilds.start(s.name);
      await until(async () => {
        const { rebuild } = await s.app.rebuilds.status(s.name);
        return rebuild?.state === 'GATING' && rebuild.gateChecks >= 3;
      });
      const gating = await s.app.rebuilds.status(s.name);
      expect(gating.rebuild).toMatchObject({ state: 'GATING', lagging: 1 });
      expect(gating.pointer).toMatchObject({ active: 'blue', rebuilding: { standby: 'green' } });
      // The open rebuild holds the projection: another one is refused until it is aborted.
      await expect(s.app.rebuild(s.projection)).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
      const aborted = await s.app.rebuilds.abort(s.name);
      await s.app.replaysIdle();
      expect(aborted.rebuild).toMatchObject({ state: 'FAILED', error: 'Error: aborted' });
      const after = await s.app.rebuilds.status(s.name);
      expect(after.pointer).toMatchObject({ active: 'blue' });
      expect(after.pointer.rebuilding).toBeUndefined();
      expect(await s.updates(['a', 'b'])).toEqual({ a: 0, b: 1 });
      s.failing.clear();
      expect(await s.app.rebuild(s.projection)).toMatchObject({ rebuild: { state: 'FLIPPED' } });
      expect(await s.updates(['a', 'b'])).toEqual({ a: 0, b: 1 });
    },
    timeoutMs,
  );
}

function rollbackAndRefusalCases(
  subject: (options?: TestAppOptions) => Promise<RebuildSubject>,
  timeoutMs: number,
) {
  it(
    'levels the previous table before a rollback moves readers back, so no document goes back',
    async () => {
      const s = await subject();
      await create(s, 'a');
      await s.app.rebuild(s.projection);
      // After the flip only green (active) is fed: blue falls behind on these.
      await update(s, 'a');
      await update(s, 'a');
      await create(s, 'b');
      if (s.table) expect(await s.table.updates('blue', 'a')).toBe(0);
      const before = await s.updates(['a', 'b']);
      const rolled = await s.app.rollback(s.projection);
      expect(rolled.republished).toBe(3);
      expect(rolled.pointer).toMatchObject({ active: 'blue', previous: 'green' });
      expect(rolled.rebuild).toMatchObject({ state: 'ROLLED_BACK' });
      expect(before).toEqual({ a: 2, b: 0 });
      expect(await s.updates(['a', 'b'])).toEqual(before);
    },
    timeoutMs,
  );

  it(
    'stops waiting for a rebuild the gate holds at its deadline, and names the lag',
    async () => {
      const s = await subject({ rebuildWaitMs: 200 });
      await create(s, 'a');
      s.failing.set('Order#a', 'green');
      const stuck = await s.app.rebuild(s.projection).catch((e: unknown) => e);
      expect(stuck).toMatchObject({
        code: 'TEMPORARILY_UNAVAILABLE',
        context: { state: 'GATING', lagging: 1 },
      });
      expect((await s.app.rebuilds.status(s.name)).pointer).toMatchObject({ active: 'blue' });
      await s.app.rebuilds.abort(s.name);
      await s.app.replaysIdle();
    },
    timeoutMs,
  );

  it(
    'refuses a second rebuild while one is open, and a rollback with no previous table',
    async () => {
      const s = await subject();
      await create(s, 'a');
      await expect(s.app.rollback(s.projection)).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
      await s.app.rebuilds.start(s.name);
      await expect(s.app.rebuilds.start(s.name)).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
      await s.app.replaysIdle();
      expect((await s.app.rebuilds.status(s.name)).rebuild).toMatchObject({ state: 'FLIPPED' });
    },
    timeoutMs,
  );
}

/**
 * The in-memory app's blue/green rebuild (the rebuild service and its flip gate): the same cases on every read
 * model store. `start` makes a fresh subject for a case; the suite stops it after the case.
 */
export function inMemoryRebuildCases(
  start: (options?: TestAppOptions) => Promise<RebuildSubject>,
  timeoutMs = 5_000,
): void {
  const started: RebuildSubject[] = [];
  const subject = async (options?: TestAppOptions) => {
    const made = await start(options);
    started.push(made);
    return made;
  };
  afterEach(() => Promise.all(started.splice(0).map((s) => s.app.stop())));
  flipCases(subject, timeoutMs);
  rollbackAndRefusalCases(subject, timeoutMs);
}
