import { waitFor } from '../../src/infrastructure/local/free-port';
import { PaidPerDay } from '../../examples/bank';
import { EventfoldClient } from '../../src/infrastructure/client';
import { e2eApp, OrderSummaries } from './support/e2e-app';
import { useRuntime } from './support/runtime-fixture';

const projection = 'e2e-order-summaries';
const line = (sku: string, quantity = 1) => ({ sku, quantity });

describe('HTTP API on the embedded runtime', () => {
  const env = useRuntime(e2eApp);

  it('stores a published event (201) and the projection catches up from the live stream', async () => {
    const { api, documentWhen } = env();
    const created = { orderId: 'p-1', customerId: 'c-1', lines: [line('a'), line('b')] };
    const res = await api.post('/events', {
      streamId: 'Order#p-1',
      expectedVersion: 0,
      type: 'OrderCreated',
      data: created,
    });
    expect(res.status).toBe(201);
    expect(res.body.events[0]).toMatchObject({ streamId: 'Order#p-1', version: 1 });
    const doc = await documentWhen(projection, 'Order#p-1', (d) => d.lineCount === 2);
    expect(doc).toMatchObject({ customerId: 'c-1', status: 'open' });
  });

  it('runs commands by name and the read model follows every change', async () => {
    const { api, documentWhen } = env();
    expect(
      (await api.post('/commands/CreateOrder', { orderId: 'c-9', customerId: 'k', lines: [line('x')] }))
        .status,
    ).toBe(200);
    const update = await api.post('/commands/UpdateOrder', {
      orderId: 'c-9',
      lines: [line('x'), line('y'), line('z')],
    });
    expect(update.body).toMatchObject({ streamId: 'Order#c-9', version: 2 });
    await documentWhen(projection, 'Order#c-9', (d) => d.lineCount === 3);
    expect((await api.post('/commands/DeleteOrder', { orderId: 'c-9' })).status).toBe(200);
    await documentWhen(projection, 'Order#c-9', (d) => d.status === 'deleted');
    const again = await api.post('/commands/UpdateOrder', { orderId: 'c-9', lines: [line('x')] });
    expect([again.status, again.body.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('publishes a batch atomically: a conflict on one stream stores nothing on any', async () => {
    const { api, eventCount } = env();
    const opened = (id: string) => ({
      streamId: `Order#${id}`,
      expectedVersion: 0,
      type: 'OrderCreated',
      data: { orderId: id, customerId: 'c', lines: [line('a')] },
    });
    expect((await api.post('/events/batch', { events: [opened('b-1'), opened('b-2')] })).status).toBe(201);
    const before = await eventCount();
    const conflict = await api.post('/events/batch', { events: [opened('b-3'), opened('b-1')] });
    expect(conflict.status).toBe(409);
    expect(conflict.body.details).toMatchObject({ streamId: 'Order#b-1', expectedVersion: 0 });
    expect(await eventCount()).toBe(before);
    expect((await api.get('/streams/Order%23b-3')).body.events).toEqual([]);
  });

  it('answers a retried publish with the same eventId with 200 and stores it once', async () => {
    const { api, eventCount } = env();
    const data = { orderId: 'i-1', customerId: 'c', lines: [line('a')] };
    const event = {
      streamId: 'Order#i-1',
      expectedVersion: 0,
      type: 'OrderCreated',
      data,
      eventId: 'evt-i-1',
    };
    expect((await api.post('/events', event)).status).toBe(201);
    const before = await eventCount();
    const retry = await api.post('/events', event);
    expect(retry.status).toBe(200);
    expect(retry.body.duplicate).toBe(true);
    expect(await eventCount()).toBe(before);
  });

  it('answers bad requests with a named 4xx and stores nothing', async () => {
    const { api, eventCount } = env();
    const before = await eventCount();
    const answers = await Promise.all([
      api.send('POST', '/events', undefined, '{"streamId": "Order#z"'),
      api.post('/events', { streamId: 'Order#z', type: 'OrderCreated', data: {} }),
      api.post('/events', { streamId: 'Order#z', expectedVersion: 0, type: 'NoSuchEvent', data: {} }),
      api.post('/commands/NoSuchCommand', {}),
      api.post('/commands/CreateOrder', { orderId: 'z', customerId: 'c', lines: [] }),
      api.post('/events', {
        streamId: 'Order#z',
        expectedVersion: 0,
        type: 'OrderCreated',
        data: { orderId: 'z', customerId: 'c', lines: [line('a'.repeat(300_000))] },
      }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 400, 413]);
    expect(answers.map((a) => a.body.code)).toEqual([
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
      'UNKNOWN_TYPE',
      'UNKNOWN_TYPE',
      'VALIDATION_FAILED',
      'LIMIT_EXCEEDED',
    ]);
    expect(answers[1]!.body.details.violations.map((v: { field: string }) => v.field)).toEqual([
      'expectedVersion',
    ]);
    expect(answers[4]!.body.details.violations.map((v: { field: string }) => v.field)).toEqual(['lines']);
    expect(await eventCount()).toBe(before);
  });

  it('starts a replay (202 with its id) and reports it done with every event of the aggregate', async () => {
    const { api } = env();
    const started = await api.post('/replays', { kind: 'aggregate', streamId: 'Order#c-9' });
    expect(started.status).toBe(202);
    let status: any;
    await waitFor(
      async () => {
        status = (await api.get(`/replays/${started.body.replayId}`)).body;
        return status.state === 'SUCCEEDED';
      },
      'replay done',
      30_000,
    );
    expect(status).toMatchObject({ replayId: started.body.replayId, eventsPublished: 3 });
    expect((await api.get('/replays/does-not-exist')).status).toBe(404);
  });

  it('rebuilds the projection into the standby table, flips to it, and rolls back in one call', async () => {
    const { api, documentWhen } = env();
    const before = (await api.get(`/projections/${projection}`)).body;
    const started = await api.post(`/projections/${projection}/rebuild`);
    expect(started.status).toBe(202);
    let view: any;
    await waitFor(
      async () => {
        view = (await api.get(`/projections/${projection}`)).body;
        return view.rebuild?.state === 'FLIPPED';
      },
      'the flip',
      60_000,
    );
    expect(view.pointer.active).not.toBe(before.pointer.active);
    expect(await documentWhen(projection, 'Order#p-1', () => true)).toMatchObject({ lineCount: 2 });
    const rolledBack = await api.post(`/projections/${projection}/rollback`);
    expect(rolledBack.status).toBe(200);
    expect(rolledBack.body.pointer.active).toBe(before.pointer.active);
    expect((await api.post(`/projections/nope/rebuild`)).status).toBe(404);
  }, 90_000);

  it('reads rows by key and by prefix in pages, and documents, through the typed client', async () => {
    const { api, runtime, documentWhen } = env();
    const client = new EventfoldClient(runtime.url);
    for (const id of ['r-a', 'r-b'])
      await api.post('/commands/OpenAccount', { accountId: id, holderName: id, openingBalance: 1000 });
    for (const [i, amount] of [5, 7, 11].entries())
      await api.post('/commands/Pay', {
        accountId: 'r-a',
        payeeAccountId: 'r-b',
        paymentId: `p${i}`,
        amount,
      });
    const day = `day#${new Date().toISOString().slice(0, 10)}`;
    await waitFor(async () => (await client.row(PaidPerDay, day))?.payments === 3, 'rows', 30_000);
    expect(await client.row(PaidPerDay, day)).toEqual({ paid: 23, payments: 3, received: 23 });
    const page = await client.rows(PaidPerDay, { prefix: 'day#', limit: 1 });
    expect(page.rows).toEqual([{ key: day, row: { paid: 23, payments: 3, received: 23 } }]);
    expect(await client.rows(PaidPerDay, { prefix: 'week#' })).toEqual({ rows: [] });
    expect(await client.row(PaidPerDay, 'day#1999-01-01')).toBeUndefined();
    await documentWhen(projection, 'Order#p-1', () => true);
    const summary = await client.document(OrderSummaries, 'Order#p-1');
    expect(summary?.customerId).toBe('c-1');
    expect((await api.get('/projections/nope/rows')).status).toBe(404);
  });

  it('serves an OpenAPI 3 description of every route', async () => {
    const { status, body } = await env().api.get('/openapi.json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/events',
        '/events/batch',
        '/commands/{name}',
        '/replays',
        '/replays/{replayId}',
        '/projections/{name}/rebuild',
      ]),
    );
  });
});
