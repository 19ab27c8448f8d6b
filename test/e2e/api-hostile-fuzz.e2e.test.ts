import fc from 'fast-check';
import { e2eApp } from './support/e2e-app';
import { type Payload, payloadArbs, plant, QUERY_EDGES, toJsonText } from './support/hostile-inputs';
import type { ApiAnswer } from './support/runtime-fixture';
import { useRuntime } from './support/runtime-fixture';

/** Requests per run: 2,100 in `npm test` (about 40 s); `npm run fuzz:api` sends 15,000. */
const RUNS = Number(process.env.EVENTFOLD_FUZZ_RUNS ?? 2_100);
/** The events table is counted after every this many requests (and at the end). */
const COUNT_EVERY = 10;

const IDS = ['h-0', 'h-1', 'h-2', 'h-3'];
const line = { sku: 'apple', quantity: 1 };

/** What the API acknowledged: per stream, the event id stored at each version. */
const acknowledged = new Map<string, Map<number, string>>();
const versionOf = (streamId: string) => acknowledged.get(streamId)?.size ?? 0;

function validEvent(id: string) {
  const streamId = `Order#${id}`;
  const at = versionOf(streamId);
  const data =
    at === 0 ? { orderId: id, customerId: 'c', lines: [line] } : { orderId: id, lines: [line, line] };
  const type = at === 0 ? 'OrderCreated' : 'OrderUpdated';
  // Free-form metadata: payloads planted in it reach the store's own limits (nesting DynamoDB can hold).
  return { streamId, expectedVersion: at, type, data, metadata: { actor: 'fuzz' } };
}

/** The valid body of each route that takes one; hostile payloads are planted into copies of these. */
const bodies: Record<string, (id: string) => unknown> = {
  'POST /events': validEvent,
  'POST /events/batch': (id) => ({ events: [validEvent(id)] }),
  'POST /commands/CreateOrder': (id) => ({ orderId: `${id}-new`, customerId: 'c', lines: [line] }),
  'POST /commands/UpdateOrder': (id) => ({ orderId: id, lines: [line] }),
  'POST /commands/OpenAccount': (id) => ({ accountId: id, holderName: 'h', openingBalance: 100 }),
  'POST /commands/CreateProduct': (id) => ({ productId: id, name: 'p', price: 100, currency: 'EUR' }),
  'POST /replays': (id) => ({ kind: 'aggregate', streamId: `Order#${id}` }),
  'POST /projections/e2e-order-summaries/rebuild': () => ({}),
  'POST /replays/r-1/cancel': () => ({}),
};

/** A row cursor as the API writes them, forged around any text. */
const forgedCursor = (after: string) => Buffer.from(JSON.stringify({ after }), 'utf8').toString('base64url');
const rows = '/projections/paid-per-day/rows';
const q = encodeURIComponent;

/** Routes with path parameters or a query, and how a hostile text goes into them. */
const paths: Record<string, (text: string) => string> = {
  'GET /streams/{streamId}': (t) => `/streams/${q(t)}`,
  'GET /streams?fromVersion': (t) => `/streams/Order%23h-0?fromVersion=${q(t)}`,
  'GET /streams?limit': (t) => `/streams/Order%23h-0?limit=${q(t)}&fromVersion=1`,
  'GET /replays/{replayId}': (t) => `/replays/${q(t)}`,
  'GET /projections/{name}': (t) => `/projections/${q(t)}`,
  'GET /projections/{name}/documents/{streamId}': (t) => `/projections/e2e-order-summaries/documents/${q(t)}`,
  'GET /projections/{name}/rows?prefix': (t) => `${rows}?prefix=${q(t)}`,
  'GET /projections/{name}/rows?limit': (t) => `${rows}?limit=${q(t)}`,
  'GET /projections/{name}/rows?cursor': (t) => `${rows}?cursor=${q(t)}`,
  'GET /projections/{name}/rows?cursor (forged)': (t) => `${rows}?cursor=${forgedCursor(t)}`,
  'GET /projections/{name}/rows/{key}': (t) => `${rows}/${q(t)}`,
};

interface Request {
  readonly kind: string;
  readonly method: string;
  readonly path: string;
  readonly raw?: string;
  /** True when any answer below 500 is right (a hostile value may still form a valid request). */
  readonly mayPass: boolean;
}

const idArb = fc.constantFrom(...IDS);
const routeArb = fc.constantFrom(...Object.keys(bodies));

const planted = fc
  .tuple(fc.oneof(...Object.values(payloadArbs)), routeArb, idArb, fc.nat())
  .map(([payload, route, id, at]): (() => Request) => () => {
    const [method, path] = route.split(' ') as [string, string];
    const raw = toJsonText(plant(bodies[route]!(id), payload as Payload, at));
    return { kind: payload.kind, method, path, raw, mayPass: payload.mayPass === true };
  });

const hostileText = fc.oneof(
  fc.constantFrom(...QUERY_EDGES, '__proto__', 'constructor', 'Order#__proto__', 'Order#constructor'),
  fc
    .tuple(
      fc.integer({ min: 100, max: 1_200 }),
      fc.constantFrom('x', 'é', '中', '😀'),
      fc.constantFrom('Order#', ''),
    )
    .map(([n, char, prefix]) => `${prefix}${char.repeat(n)}`),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

const inPath = fc
  .tuple(fc.constantFrom(...Object.keys(paths)), hostileText)
  .map(([route, text]): (() => Request) => () => ({
    kind: 'path and query edges',
    method: 'GET',
    path: paths[route]!(text),
    mayPass: true,
  }));

/** Valid requests between the hostile ones, so that streams move on and a refusal is seen on a live stream. */
const valid = fc.tuple(fc.boolean(), idArb).map(([command, id]): (() => Request) => () => {
  const update = command && versionOf(`Order#${id}`) > 0;
  const body = update ? { orderId: id, lines: [line] } : validEvent(id);
  const path = update ? '/commands/UpdateOrder' : '/events';
  return { kind: 'valid', method: 'POST', path, raw: JSON.stringify(body), mayPass: true };
});

const requestArb = fc.oneof(
  { arbitrary: planted, weight: 8 },
  { arbitrary: inPath, weight: 2 },
  { arbitrary: valid, weight: 1 },
);

function remember(answer: ApiAnswer): number {
  const events: Array<{ streamId: string; version: number; eventId: string }> = answer.body?.events ?? [];
  let added = 0;
  for (const e of events) {
    const versions = acknowledged.get(e.streamId) ?? new Map<number, string>();
    if (!versions.has(e.version)) added += 1;
    versions.set(e.version, e.eventId);
    acknowledged.set(e.streamId, versions);
  }
  return added;
}

/** What is wrong with an answer (a 5xx, an untyped error, a hostile request let through), with the request. */
function wrongAnswer(request: Request, answer: ApiAnswer): string | undefined {
  const untyped = answer.status >= 400 && typeof answer.body?.code !== 'string';
  const letThrough = answer.status < 400 && !request.mayPass;
  if (answer.status < 500 && !untyped && !letThrough) return undefined;
  const body = (request.raw ?? '').slice(0, 300);
  return `${request.kind}: ${request.method} ${request.path.slice(0, 300)} ${body} -> ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
}

/** Counts an answer's status under the class of its request. */
function tally(byKind: Map<string, Map<string, number>>, kind: string, status: number): void {
  const statuses = byKind.get(kind) ?? new Map<string, number>();
  statuses.set(String(status), (statuses.get(String(status)) ?? 0) + 1);
  byKind.set(kind, statuses);
}

describe('HTTP API under hostile fuzzing (deep nesting, reserved keys, huge keys, arrays for objects, numeric edges)', () => {
  const env = useRuntime(e2eApp);

  it(
    'never answers 5xx, refuses every hostile shape with a typed 4xx, and stores only what it acknowledged',
    async () => {
      const { api, eventCount } = env();
      const byKind = new Map<string, Map<string, number>>();
      const start = await eventCount();
      let expected = start;
      let sent = 0;
      await fc.assert(
        fc.asyncProperty(requestArb, async (build) => {
          const request = build();
          const answer = await api.send(request.method, request.path, undefined, request.raw);
          sent += 1;
          tally(byKind, request.kind, answer.status);
          expect(wrongAnswer(request, answer)).toBeUndefined();
          if (answer.status < 300 && request.method === 'POST') expected += remember(answer);
          if (sent % COUNT_EVERY === 0) expect(await eventCount()).toBe(expected);
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
      expect(await eventCount()).toBe(expected);
      for (const [streamId, versions] of acknowledged) {
        const stored = (await api.get(`/streams/${encodeURIComponent(streamId)}`)).body.events;
        expect(stored.map((e: { version: number; eventId: string }) => [e.version, e.eventId])).toEqual(
          [...versions].sort(([a], [b]) => a - b),
        );
      }
      expect(Object.prototype).not.toHaveProperty('polluted');
      const summary = Object.fromEntries(
        [...byKind].map(([kind, statuses]) => [kind, Object.fromEntries(statuses)]),
      );
      console.log(
        `hostile fuzz: ${sent} requests, ${expected - start} events stored; statuses by class ${JSON.stringify(summary)}`,
      );
      expect(sent).toBeGreaterThanOrEqual(Math.min(RUNS, 2_000));
    },
    Math.max(300_000, RUNS * 100),
  );
});
