import { lines, OrderUpdates, until, updatesApp } from './in-memory-fixtures';

const projection = 'order-updates';
const slot = (s: 'blue' | 'green') => ({ projection, slot: s });

describe('the in-memory rebuild (the rebuild service and its flip gate)', () => {
  it('flips to the standby once it holds what the active table holds, live events included', async () => {
    const { app } = await updatesApp({ replayPages: { maxEvents: 1, maxBytes: 1_000_000 } });
    for (const id of ['a', 'b', 'c'])
      await app.command('CreateOrder', { orderId: id, customerId: 'c', lines });
    await app.rebuilds.start(projection);
    // Live while the standby fills: the pointer says rebuilding, so these reach both tables.
    await app.command('UpdateOrder', { orderId: 'a', lines });
    await app.command('CreateOrder', { orderId: 'd', customerId: 'c', lines });
    await app.replaysIdle();
    const { pointer, rebuild } = await app.rebuilds.status(projection);
    expect(pointer).toMatchObject({ active: 'green', previous: 'blue' });
    expect(pointer.rebuilding).toBeUndefined();
    expect(rebuild).toMatchObject({ state: 'FLIPPED', lagging: 0 });
    expect(rebuild!.gateChecks).toBeGreaterThanOrEqual(1);
    expect((await app.readModels.dump(slot('green'))).versions).toEqual(
      (await app.readModels.dump(slot('blue'))).versions,
    );
    expect(await app.document(OrderUpdates, 'Order#a')).toEqual({ updates: 1 });
  });

  it('holds the flip while the standby is behind on a stream, and an abort leaves readers on the active table', async () => {
    const { app, breakage } = await updatesApp();
    await app.command('CreateOrder', { orderId: 'a', customerId: 'c', lines });
    await app.command('CreateOrder', { orderId: 'b', customerId: 'c', lines });
    breakage.failing.set('Order#b', 'green');
    await app.rebuilds.start(projection);
    await until(async () => {
      const { rebuild } = await app.rebuilds.status(projection);
      return rebuild?.state === 'GATING' && rebuild.gateChecks >= 3;
    });
    const gating = await app.rebuilds.status(projection);
    expect(gating.rebuild).toMatchObject({ state: 'GATING', lagging: 1 });
    expect(gating.pointer).toMatchObject({ active: 'blue', rebuilding: { standby: 'green' } });
    // The open rebuild holds the projection: another one is refused until it is aborted.
    await expect(app.rebuild(OrderUpdates)).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
    const aborted = await app.rebuilds.abort(projection);
    await app.replaysIdle();
    expect(aborted.rebuild).toMatchObject({ state: 'FAILED', error: 'Error: aborted' });
    expect(await app.rebuilds.status(projection)).toMatchObject({ pointer: { active: 'blue' } });
    expect((await app.rebuilds.status(projection)).pointer.rebuilding).toBeUndefined();
    expect(await app.document(OrderUpdates, 'Order#b')).toEqual({ updates: 0 });
    breakage.failing.clear();
    expect(await app.rebuild(OrderUpdates)).toMatchObject({ rebuild: { state: 'FLIPPED' } });
  });

  it('levels the previous table before a rollback moves readers back, so no document goes back', async () => {
    const { app } = await updatesApp();
    await app.command('CreateOrder', { orderId: 'a', customerId: 'c', lines });
    await app.rebuild(OrderUpdates);
    // After the flip only green (active) is fed: blue falls behind on these.
    await app.command('UpdateOrder', { orderId: 'a', lines });
    await app.command('UpdateOrder', { orderId: 'a', lines });
    await app.command('CreateOrder', { orderId: 'b', customerId: 'c', lines });
    expect(await app.readModels.document(slot('blue'), 'Order#a')).toEqual({ updates: 0 });
    const rolled = await app.rollback(OrderUpdates);
    expect(rolled.republished).toBe(3);
    expect(rolled.pointer).toMatchObject({ active: 'blue', previous: 'green' });
    expect(rolled.rebuild).toMatchObject({ state: 'ROLLED_BACK' });
    expect(await app.document(OrderUpdates, 'Order#a')).toEqual({ updates: 2 });
    expect(await app.document(OrderUpdates, 'Order#b')).toEqual({ updates: 0 });
  });

  it('stops waiting for a rebuild the gate holds at its deadline, and names the lag', async () => {
    const { app, breakage } = await updatesApp({ rebuildWaitMs: 200 });
    await app.command('CreateOrder', { orderId: 'a', customerId: 'c', lines });
    breakage.failing.set('Order#a', 'green');
    const stuck = await app.rebuild(OrderUpdates).catch((e: unknown) => e);
    expect(stuck).toMatchObject({
      code: 'TEMPORARILY_UNAVAILABLE',
      context: { state: 'GATING', lagging: 1 },
    });
    expect((await app.rebuilds.status(projection)).pointer).toMatchObject({ active: 'blue' });
    await app.rebuilds.abort(projection);
    await app.replaysIdle();
  });

  it('refuses a second rebuild while one is open, and a rollback with no previous table', async () => {
    const { app } = await updatesApp();
    await app.command('CreateOrder', { orderId: 'a', customerId: 'c', lines });
    await expect(app.rollback(OrderUpdates)).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
    await app.rebuilds.start(projection);
    await expect(app.rebuilds.start(projection)).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
    await app.replaysIdle();
    expect((await app.rebuilds.status(projection)).rebuild).toMatchObject({ state: 'FLIPPED' });
  });
});
