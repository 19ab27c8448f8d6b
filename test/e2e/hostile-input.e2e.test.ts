import { e2eApp } from './support/e2e-app';
import type { ApiAnswer } from './support/runtime-fixture';
import { useRuntime } from './support/runtime-fixture';

/** A JSON text of `leaf` wrapped in `levels` objects (`{"n":{"n":...}}`). */
const nestedObject = (levels: number, leaf = '1') => `${'{"n":'.repeat(levels)}${leaf}${'}'.repeat(levels)}`;
/** A JSON text of `levels` arrays, one inside the other (`[[[]]]`). */
const nestedArray = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

const order = (id: string, lines: string) => `{"orderId":"${id}","customerId":"c","lines":${lines}}`;
const event = (id: string, data: string, metadata?: string) =>
  `{"streamId":"Order#${id}","expectedVersion":0,"type":"OrderCreated","data":${data}` +
  `${metadata === undefined ? '' : `,"metadata":${metadata}`}}`;
const orderData = (id: string, extra = '') => order(id, `[{"sku":"a","quantity":1}]${extra}`).slice(0, -1);

/** Requests of finding 4 of issue 21: each answered 500 before, each must be a typed 4xx storing nothing. */
const serverErrorCases: Array<[string, string, string, string, string]> = [
  [
    'data nested 31 levels',
    'POST /events',
    'h-d31',
    event('h-d31', `${orderData('h-d31')},"x":${nestedObject(31)}}`),
    'data.x',
  ],
  [
    'metadata nested 31 levels',
    'POST /events',
    'h-m31',
    event('h-m31', `${orderData('h-m31')}}`, `{"m":${nestedObject(31)}}`),
    'metadata.m.n',
  ],
  [
    'a __proto__ key in data',
    'POST /events',
    'h-p1',
    event('h-p1', `{"__proto__":{"polluted":1},${orderData('h-p1').slice(1)}}`),
    'data.__proto__',
  ],
  [
    'a constructor key in metadata',
    'POST /events',
    'h-p2',
    event('h-p2', `${orderData('h-p2')}}`, '{"constructor":{"prototype":{"polluted":1}}}'),
    'metadata.constructor',
  ],
  [
    'a __proto__ key in a command field',
    'POST /commands/CreateOrder',
    'h-p3',
    order('h-p3', '[{"sku":"a","quantity":1,"__proto__":{"polluted":1}}]'),
    'lines[0].__proto__',
  ],
  [
    'an attribute name of 65,536 bytes',
    'POST /events',
    'h-k1',
    event('h-k1', `${orderData('h-k1')},"${'k'.repeat(65_536)}":1}`),
    'data.kkkk',
  ],
  [
    'a command field nested 10,000 deep',
    'POST /commands/CreateOrder',
    'h-n1',
    order('h-n1', nestedArray(10_000)),
    'lines[0][0]',
  ],
];

/** Requests of finding 5: nested values of the wrong shape, and a v2 event without its required fields. */
const bypassCases: Array<[string, string, string, string, string, number?]> = [
  ['lines: [[]]', 'POST /commands/CreateOrder', 'Order#v-1', order('v-1', '[[]]'), 'lines[0]'],
  [
    'a line and an empty array',
    'POST /commands/CreateOrder',
    'Order#v-2',
    order('v-2', '[{"sku":"a","quantity":1},[]]'),
    'lines[1]',
  ],
  [
    'arrays nested 1,000 deep',
    'POST /commands/CreateOrder',
    'Order#v-3',
    order('v-3', nestedArray(1_000)),
    'lines[0][0]',
    413,
  ],
  ['a string for a line', 'POST /commands/CreateOrder', 'Order#v-4', order('v-4', '["a"]'), 'lines[0]'],
  [
    'UpdateOrder with lines: [[]]',
    'POST /commands/UpdateOrder',
    'Order#u-1',
    '{"orderId":"u-1","lines":[[]]}',
    'lines[0]',
  ],
  [
    'a v2 ProductCreated without price and currency',
    'POST /events',
    'Product#v-5',
    '{"streamId":"Product#v-5","expectedVersion":0,"type":"ProductCreated","schemaVersion":2,"data":{"productId":"v-5","name":"n"}}',
    'data.price',
  ],
];

const fields = (answer: ApiAnswer): string[] =>
  (answer.body?.details?.violations ?? []).map((v: { field: string }) => v.field);
/** The field an error names: a limit's `field`, or the first violation's. */
const namedField = (answer: ApiAnswer): string => answer.body?.details?.field ?? fields(answer)[0] ?? '';

describe('hostile input on the HTTP API (issue 21, findings 4 and 5)', () => {
  const env = useRuntime(e2eApp);

  beforeAll(async () => {
    const created = await env().api.post('/commands/CreateOrder', {
      orderId: 'u-1',
      customerId: 'c',
      lines: [{ sku: 'a', quantity: 1 }],
    });
    expect(created.status).toBe(200);
  });

  it.each(serverErrorCases)(
    'answers %s with a typed 4xx naming the field and stores nothing',
    async (_name, route, id, raw, field) => {
      const { api, eventCount } = env();
      const before = await eventCount();
      const [method, path] = route.split(' ') as [string, string];
      const answer = await api.send(method, path, undefined, raw);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(['VALIDATION_FAILED', 'LIMIT_EXCEEDED']).toContain(answer.body.code);
      expect(namedField(answer)).toContain(field);
      expect(await eventCount()).toBe(before);
      expect((await api.get(`/streams/Order%23${id}`)).body.events).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('refuses a stream read whose range runs past the largest version with a 400 naming the limit', async () => {
    const { api } = env();
    const max = Number.MAX_SAFE_INTEGER;
    const answer = await api.get(`/streams/Order%23x?limit=${max}&fromVersion=${max}`);
    expect([answer.status, answer.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(fields(answer)).toEqual(['limit']);
    const last = await api.get(`/streams/Order%23x?limit=1000&fromVersion=${max}`);
    expect([last.status, last.body.events]).toEqual([200, []]);
  });

  const cursorAfter = (after: string) => Buffer.from(JSON.stringify({ after })).toString('base64url');
  const rows = '/projections/paid-per-day/rows';
  it.each([
    ['a forged cursor after the empty key', `${rows}?cursor=${cursorAfter('')}`, 'cursor'],
    ['a forged cursor after a 3,000-byte key', `${rows}?cursor=${cursorAfter('中'.repeat(1_000))}`, 'cursor'],
    ['a row key of 3,000 bytes', `${rows}/${encodeURIComponent('中'.repeat(1_000))}`, 'key'],
    ['a key prefix of 3,000 bytes', `${rows}?prefix=${encodeURIComponent('中'.repeat(1_000))}`, 'prefix'],
  ])(
    'refuses a row read with %s with a 400 naming the field (found by the fuzz test)',
    async (_name, path, field) => {
      const answer = await env().api.get(path);
      expect([answer.status, answer.body.code, fields(answer)]).toEqual([400, 'VALIDATION_FAILED', [field]]);
    },
  );

  it.each(bypassCases)(
    'refuses %s with the path of the field and stores nothing',
    async (_name, route, streamId, raw, field, status = 400) => {
      const { api, eventCount } = env();
      const before = await eventCount();
      const [method, path] = route.split(' ') as [string, string];
      const answer = await api.send(method, path, undefined, raw);
      const code = status === 400 ? 'VALIDATION_FAILED' : 'LIMIT_EXCEEDED';
      expect([answer.status, answer.body.code]).toEqual([status, code]);
      expect(status === 400 ? fields(answer) : [namedField(answer).slice(0, field.length)]).toContain(field);
      expect(await eventCount()).toBe(before);
      const stored = (await api.get(`/streams/${encodeURIComponent(streamId)}`)).body.events;
      expect(stored.length).toBe(streamId === 'Order#u-1' ? 1 : 0);
    },
  );
});
