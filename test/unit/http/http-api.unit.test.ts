import type { APIGatewayProxyEvent } from 'aws-lambda';
import fc from 'fast-check';
import { handleHttpRequest } from '../../../src/infrastructure/http/handle-http';
import { apiRoutes } from '../../../src/infrastructure/http/routes';
import { RowChanges } from '../../../src/projections/row-changes';
import { inMemoryServices } from './test-domain';

function request(method: string, target: string, body?: unknown, raw = false): APIGatewayProxyEvent {
  const [path = target, search] = target.split('?');
  const query = search === undefined ? null : Object.fromEntries(new URLSearchParams(search));
  return {
    httpMethod: method,
    path,
    body: body === undefined ? null : raw ? (body as string) : JSON.stringify(body),
    headers: {},
    multiValueHeaders: {},
    isBase64Encoded: false,
    pathParameters: null,
    queryStringParameters: query,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    requestContext: { requestId: 'test' } as APIGatewayProxyEvent['requestContext'],
    resource: '/{proxy+}',
  };
}

async function call(
  services: ReturnType<typeof inMemoryServices>,
  method: string,
  path: string,
  body?: unknown,
  raw = false,
) {
  const result = await handleHttpRequest(request(method, path, body, raw), { services });
  return { status: result.statusCode, body: JSON.parse(result.body) as Record<string, any> };
}

const opened = {
  streamId: 'Counter#c1',
  expectedVersion: 0,
  type: 'CounterOpened',
  data: { counterId: 'c1' },
};

describe('HTTP API', () => {
  it('publishes one event with 201 and the stored version', async () => {
    const services = inMemoryServices();
    const { status, body } = await call(services, 'POST', '/events', opened);
    expect(status).toBe(201);
    expect(body.events[0]).toMatchObject({ streamId: 'Counter#c1', version: 1, type: 'CounterOpened' });
    expect(services.store.count()).toBe(1);
  });

  it('accepts aggregateType and aggregateId instead of a stream id', async () => {
    const services = inMemoryServices();
    const { streamId: _s, ...rest } = opened;
    const { status, body } = await call(services, 'POST', '/events', {
      ...rest,
      aggregateType: 'Counter',
      aggregateId: 'c2',
    });
    expect(status).toBe(201);
    expect(body.events[0].streamId).toBe('Counter#c2');
  });

  it.each([
    ['malformed JSON', '{"type": ', '(body)'],
    ['a JSON array', '[]', '(body)'],
    ['an empty body', '', '(body)'],
  ])('refuses %s with 400 and names the body', async (_what, raw, field) => {
    const services = inMemoryServices();
    const { status, body } = await call(services, 'POST', '/events', raw, true);
    expect(status).toBe(400);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details.violations[0].field).toBe(field);
    expect(services.store.count()).toBe(0);
  });

  it('names every missing or invalid field', async () => {
    const services = inMemoryServices();
    const { status, body } = await call(services, 'POST', '/events', {
      streamId: 'Counter#c1',
      expectedVersion: -1,
      data: 'x',
      extra: 1,
    });
    expect(status).toBe(400);
    const fields = body.details.violations.map((v: { field: string }) => v.field).sort();
    expect(fields).toEqual(['data', 'expectedVersion', 'extra', 'type']);
  });

  it('refuses an unknown event type and an unknown command with 400 UNKNOWN_TYPE', async () => {
    const services = inMemoryServices();
    const event = await call(services, 'POST', '/events', { ...opened, type: 'Nope' });
    const command = await call(services, 'POST', '/commands/Nope', {});
    expect([event.status, event.body.code]).toEqual([400, 'UNKNOWN_TYPE']);
    expect([command.status, command.body.code]).toEqual([400, 'UNKNOWN_TYPE']);
    expect(services.store.count()).toBe(0);
  });

  it("refuses data the event class's validation rules refuse, naming the data field", async () => {
    const services = inMemoryServices();
    const { status, body } = await call(services, 'POST', '/events', { ...opened, data: { counterId: 5 } });
    expect(status).toBe(400);
    expect(body.details.violations[0].field).toBe('data.counterId');
  });

  it('refuses an event the aggregate does not apply or cannot apply', async () => {
    const services = inMemoryServices();
    await call(services, 'POST', '/events', opened);
    const bad = await call(services, 'POST', '/events', {
      streamId: 'Counter#c1',
      expectedVersion: 1,
      type: 'CounterAdded',
      data: { amount: 0 },
    });
    expect(bad.status).toBe(400);
    expect(services.store.count()).toBe(1);
  });

  it('answers a second writer at the same version with 409 naming stream and versions', async () => {
    const services = inMemoryServices();
    await call(services, 'POST', '/events', opened);
    const { status, body } = await call(services, 'POST', '/events', opened);
    expect(status).toBe(409);
    expect(body.details).toMatchObject({ streamId: 'Counter#c1', expectedVersion: 0, actualVersion: 1 });
  });

  it('refuses a body over the size limit with 413 before parsing it', async () => {
    const services = inMemoryServices();
    const { status, body } = await call(services, 'POST', '/events', {
      ...opened,
      data: { counterId: 'x'.repeat(5000) },
    });
    expect(status).toBe(413);
    expect(body.details).toMatchObject({ limit: 'request body bytes', max: 4096 });
  });

  it('publishes a batch over two streams atomically, and stores nothing when one part conflicts', async () => {
    const services = inMemoryServices();
    const two = { ...opened, streamId: 'Counter#c2' };
    const ok = await call(services, 'POST', '/events/batch', { events: [opened, two] });
    expect(ok.status).toBe(201);
    const added = { streamId: 'Counter#c1', expectedVersion: 1, type: 'CounterAdded', data: { amount: 2 } };
    const conflict = await call(services, 'POST', '/events/batch', { events: [added, two] });
    expect(conflict.status).toBe(409);
    expect(services.store.count()).toBe(2);
  });

  it('requires the events of one stream in a batch to follow each other in version order', async () => {
    const services = inMemoryServices();
    const added = { streamId: 'Counter#c1', expectedVersion: 2, type: 'CounterAdded', data: { amount: 2 } };
    const { status, body } = await call(services, 'POST', '/events/batch', { events: [opened, added] });
    expect(status).toBe(400);
    expect(body.details.violations[0].field).toBe('events[1].expectedVersion');
  });

  it('runs a command by name; a broken business rule is 422 and a missing aggregate 404', async () => {
    const services = inMemoryServices();
    expect((await call(services, 'POST', '/commands/OpenCounter', { counterId: 'k' })).status).toBe(200);
    const rule = await call(services, 'POST', '/commands/AddToCounter', { counterId: 'k', amount: 0 });
    const missing = await call(services, 'POST', '/commands/AddToCounter', {
      counterId: 'nobody',
      amount: 1,
    });
    const invalid = await call(services, 'POST', '/commands/AddToCounter', { counterId: 'k', amount: 'x' });
    expect([rule.status, rule.body.code]).toEqual([422, 'RULE_VIOLATION']);
    expect([missing.status, missing.body.code]).toEqual([404, 'NOT_FOUND']);
    expect(invalid.body.details.violations[0].field).toBe('amount');
  });

  it('starts a replay with 202 and its id, and validates the mode', async () => {
    const services = inMemoryServices();
    const started = await call(services, 'POST', '/replays', { kind: 'all' });
    expect(started.status).toBe(202);
    expect((await call(services, 'GET', `/replays/${started.body.replayId}`)).body.state).toBe('RUNNING');
    expect((await call(services, 'POST', '/replays', { kind: 'since', since: 'yesterday' })).status).toBe(
      400,
    );
  });

  it('reads a document of a known projection; missing documents are 404', async () => {
    const services = inMemoryServices();
    expect(
      (await call(services, 'GET', '/projections/counter-totals/documents/Counter%23known')).body,
    ).toEqual({ total: 3 });
    expect(
      (await call(services, 'GET', '/projections/counter-totals/documents/Counter%23other')).status,
    ).toBe(404);
    expect((await call(services, 'POST', '/projections/counter-totals/rebuild')).status).toBe(202);
  });

  it('answers 404 NOT_FOUND naming the projection on every projection route for any unknown name', async () => {
    const services = inMemoryServices();
    const routes = [
      ['GET', ''],
      ['POST', '/rebuild'],
      ['POST', '/rollback'],
      ['GET', '/documents/Counter%23known'],
      ['GET', '/rows'],
      ['GET', '/rows/day%231'],
    ] as const;
    const unknownName = fc.string({ minLength: 1 }).filter((name) => name !== 'counter-totals');
    await fc.assert(
      fc.asyncProperty(unknownName, fc.constantFrom(...routes), async (name, [method, rest]) => {
        const { status, body } = await call(
          services,
          method,
          `/projections/${encodeURIComponent(name)}${rest}`,
        );
        expect([status, body.code, body.details.id]).toEqual([404, 'NOT_FOUND', name]);
      }),
      { numRuns: 300 },
    );
  });

  it('reads rows by key and pages through them by prefix with a cursor', async () => {
    const services = inMemoryServices();
    const rows = new RowChanges()
      .set('day#1', { paid: 1 })
      .set('day#2', { paid: 2 })
      .set('week#1', { paid: 3 });
    await services.rows.commit({ projection: 'counter-totals', slot: 'blue' }, 'Counter#r', {
      from: 0,
      to: 1,
      change: { kind: 'rows', rows: rows.list() },
    });
    expect(await call(services, 'GET', '/projections/counter-totals/rows/day%231')).toEqual({
      status: 200,
      body: { paid: 1 },
    });
    expect((await call(services, 'GET', '/projections/counter-totals/rows/day%239')).status).toBe(404);
    const first = await call(services, 'GET', '/projections/counter-totals/rows?prefix=day%23&limit=1');
    expect(first.body.rows).toEqual([{ key: 'day#1', row: { paid: 1 } }]);
    const next = await call(
      services,
      'GET',
      `/projections/counter-totals/rows?prefix=day%23&limit=1&cursor=${first.body.cursor}`,
    );
    expect(next.body).toEqual({ rows: [{ key: 'day#2', row: { paid: 2 } }] });
    for (const limit of ['0', '1001', 'x', '1.5'])
      expect((await call(services, 'GET', `/projections/counter-totals/rows?limit=${limit}`)).status).toBe(
        400,
      );
    expect((await call(services, 'GET', '/projections/counter-totals/rows?cursor=nope')).body.code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('answers unknown paths with 404 and wrong methods with 405', async () => {
    const services = inMemoryServices();
    expect((await call(services, 'GET', '/nowhere')).status).toBe(404);
    expect((await call(services, 'DELETE', '/events')).status).toBe(405);
  });

  it('describes every route in the OpenAPI document at /openapi.json', async () => {
    const { status, body } = await call(inMemoryServices(), 'GET', '/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\./);
    const operations = Object.values(
      body.paths as Record<string, Record<string, { operationId: string }>>,
    ).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(operations.sort()).toEqual(apiRoutes.map((r) => r.operationId).sort());
    expect(body.paths['/events'].post.requestBody.content['application/json'].schema.required).toContain(
      'type',
    );
  });

  it('never answers arbitrary bodies with a 5xx and stores only what it accepted with 201', async () => {
    const services = inMemoryServices();
    const valueArb = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.constant(null),
      fc.boolean(),
      fc.object({ maxDepth: 1 }),
    );
    const bodyArb = fc.record(
      {
        streamId: fc.oneof(fc.constant('Counter#f'), fc.string()),
        expectedVersion: fc.oneof(fc.nat(3), valueArb),
        type: fc.constantFrom('CounterOpened', 'CounterAdded', 'X'),
        data: fc.oneof(
          fc.record({ amount: fc.integer({ min: -1, max: 3 }) }),
          fc.record({ counterId: fc.string() }),
          valueArb,
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(bodyArb, async (body) => {
        const before = services.store.count();
        const { status } = await call(services, 'POST', '/events', body);
        expect(status).toBeLessThan(500);
        expect(services.store.count()).toBe(status === 201 ? before + 1 : before);
      }),
      { numRuns: 300 },
    );
  });

  it('redrives the dead-letter queue through POST /dead-letters/redrive and answers its report', async () => {
    const services = inMemoryServices();
    let redrives = 0;
    const report = { received: 2, released: 1, failedAgain: 1, stale: 0, deferred: 0 };
    const withQueue = { ...services, deadLetters: { redrive: async () => ((redrives += 1), report) } };
    const answer = await call(withQueue, 'POST', '/dead-letters/redrive');
    expect(answer).toEqual({ status: 200, body: report });
    expect(redrives).toBe(1);
    expect((await call(withQueue, 'GET', '/dead-letters/redrive')).status).toBe(405);
  });

  it('resumes a replay through POST /replays/{id}/resume', async () => {
    const answer = await call(inMemoryServices(), 'POST', '/replays/r-1/resume');
    expect(answer).toEqual({ status: 200, body: { replayId: 'r-1', state: 'RUNNING' } });
  });
});
