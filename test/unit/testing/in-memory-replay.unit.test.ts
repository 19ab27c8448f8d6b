import { lines, OrderUpdates, updatesApp } from './in-memory-fixtures';

const blue = { projection: 'order-updates', slot: 'blue' } as const;
const pages = { maxEvents: 2, maxBytes: 1_000_000 };

/** An app with `orders` orders whose projection table is then emptied, so a replay's effect shows. */
async function emptiedApp(orders: number) {
  const made = await updatesApp({ replayPages: pages });
  for (let i = 0; i < orders; i++)
    await made.app.command('CreateOrder', { orderId: `o${i}`, customerId: 'c', lines });
  made.app.readModels.clear(blue);
  return made;
}

const documentsIn = async (app: Awaited<ReturnType<typeof emptiedApp>>['app']) =>
  Object.keys((await app.readModels.dump(blue)).documents).length;

describe('the in-memory replay (the replay service and its step loop)', () => {
  it('counts every event and page in its status, and applies them through the version gate', async () => {
    const { app } = await emptiedApp(5);
    const replayId = await app.replays.start({ kind: 'all' });
    await app.replaysIdle();
    const status = await app.replays.status(replayId);
    expect(status).toMatchObject({ state: 'SUCCEEDED', eventsPublished: 5, executions: 1 });
    expect(status.pages).toBeGreaterThanOrEqual(3);
    expect(await documentsIn(app)).toBe(5);
    expect(await app.document(OrderUpdates, 'Order#o4')).toEqual({ updates: 0 });
  });

  it('stops a cancelled replay at its next page, and a finished replay cannot be cancelled', async () => {
    const { app } = await emptiedApp(20);
    const replayId = await app.replays.start({ kind: 'all' });
    const cancelled = await app.replays.cancel(replayId);
    await app.replaysIdle();
    const status = await app.replays.status(replayId);
    expect(cancelled.state).toBe('CANCELLED');
    expect(status.state).toBe('CANCELLED');
    expect(status.eventsPublished).toBeLessThan(20);
    expect(await documentsIn(app)).toBe(status.eventsPublished);
    await expect(app.replays.cancel(replayId)).rejects.toMatchObject({ code: 'RULE_VIOLATION' });
  });

  it('resumes a failed replay from its stored position, in a new execution', async () => {
    const { app } = await emptiedApp(9);
    const readAll = app.events.readAll.bind(app.events);
    let reads = 0;
    app.events.readAll = async (options) => {
      if (++reads === 3) throw new Error('the store is unreachable');
      return readAll(options);
    };
    const error = await app.replay({ kind: 'all' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TEMPORARILY_UNAVAILABLE' });
    const { replayId } = (error as { context: { replayId: string } }).context;
    const failed = await app.replays.status(replayId);
    expect(failed).toMatchObject({ state: 'FAILED', eventsPublished: 4, pages: 2, executions: 1 });
    expect(failed.error).toContain('the store is unreachable');
    expect(await documentsIn(app)).toBe(4);
    const resumed = await app.replays.resume(replayId);
    expect(resumed.state).toBe('RUNNING');
    await app.replaysIdle();
    const status = await app.replays.status(replayId);
    expect(status).toMatchObject({ state: 'SUCCEEDED', eventsPublished: 9, executions: 2 });
    expect(await documentsIn(app)).toBe(9);
  });
});
