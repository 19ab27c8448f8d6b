import fc from 'fast-check';
import { e2eApp } from './support/e2e-app';
import type { ApiAnswer } from './support/runtime-fixture';
import { useRuntime } from './support/runtime-fixture';

/** What the suite believes each stream's version is, from the answers it got. */
const versions = new Map<string, number>();
const statuses = new Map<number, number>();
const kinds = new Map<string, number>();

const STREAMS = ['f-0', 'f-1', 'f-2', 'f-3', 'f-4', 'f-5'];
const line = { sku: 'apple', quantity: 1 };
const created = (id: string) => ({ orderId: id, customerId: 'c', lines: [line] });
const version = (id: string) => versions.get(`Order#${id}`) ?? 0;

function validEvent(id: string) {
  const current = version(id);
  return current === 0
    ? { streamId: `Order#${id}`, expectedVersion: 0, type: 'OrderCreated', data: created(id) }
    : {
        streamId: `Order#${id}`,
        expectedVersion: current,
        type: 'OrderUpdated',
        data: { orderId: id, lines: [line, line] },
      };
}

/** One request of the fuzz run: how to build it from the current state. */
type Recipe = { kind: string; build: () => { path: string; body?: unknown; raw?: string } };

const idArb = fc.constantFrom(...STREAMS);
const jsonArb = fc.jsonValue({ maxDepth: 3 });
const fieldArb = fc.constantFrom(
  'streamId',
  'expectedVersion',
  'type',
  'data',
  'schemaVersion',
  'eventId',
  'metadata',
);

const recipes: fc.Arbitrary<Recipe>[] = [
  idArb.map((id) => ({ kind: 'valid event', build: () => ({ path: '/events', body: validEvent(id) }) })),
  fc.tuple(idArb, fc.integer({ min: 1, max: 5 })).map(([id, off]) => ({
    kind: 'conflicting version',
    build: () => ({ path: '/events', body: { ...validEvent(id), expectedVersion: version(id) + off } }),
  })),
  fc.tuple(idArb, fieldArb, jsonArb).map(([id, field, value]) => ({
    kind: 'wrong type',
    build: () => ({ path: '/events', body: { ...validEvent(id), [field]: value } }),
  })),
  fc.tuple(idArb, fc.constantFrom('expectedVersion', 'type', 'data', 'streamId')).map(([id, field]) => ({
    kind: 'missing field',
    build: () => {
      const body: Record<string, unknown> = { ...validEvent(id) };
      delete body[field];
      return { path: '/events', body };
    },
  })),
  fc.tuple(idArb, fc.nat(200), fc.string({ maxLength: 3 })).map(([id, at, junk]) => ({
    kind: 'malformed JSON',
    build: () => {
      const text = JSON.stringify(validEvent(id));
      const cut = at % text.length;
      return { path: '/events', raw: `${text.slice(0, cut)}${junk}${cut % 2 === 0 ? '{' : ''}` };
    },
  })),
  fc.tuple(idArb, fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,20}$/)).map(([id, type]) => ({
    kind: 'unknown event type',
    build: () => ({ path: '/events', body: { ...validEvent(id), type: `X${type}` } }),
  })),
  fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,20}$/), jsonArb).map(([name, body]) => ({
    kind: 'unknown command',
    build: () => ({ path: `/commands/Nope${name}`, body }),
  })),
  fc.tuple(idArb, fc.integer({ min: 300_000, max: 400_000 })).map(([id, size]) => ({
    kind: 'oversize body',
    build: () => ({
      path: '/events',
      body: { ...validEvent(id), data: { ...created(id), note: 'x'.repeat(size) } },
    }),
  })),
  fc
    .tuple(
      fc.constantFrom(
        '/events',
        '/events/batch',
        '/commands/CreateOrder',
        '/commands/UpdateOrder',
        '/replays',
      ),
      jsonArb,
    )
    .map(([path, body]) => ({ kind: 'arbitrary JSON', build: () => ({ path, body }) })),
  fc.tuple(idArb, fc.boolean()).map(([id, valid]) => ({
    kind: valid ? 'valid command' : 'invalid command',
    build: () =>
      version(id) === 0
        ? {
            path: '/commands/CreateOrder',
            body: valid ? created(id) : { ...created(id), lines: [{ sku: 7 }] },
          }
        : { path: '/commands/UpdateOrder', body: { orderId: id, lines: valid ? [line] : 'none' } },
  })),
  fc.tuple(idArb, idArb, fc.boolean()).map(([a, b, conflict]) => ({
    kind: conflict ? 'conflicting batch' : 'valid batch',
    build: () => {
      const second = {
        ...validEvent(b),
        expectedVersion: version(b) + (a === b ? 1 : 0) + (conflict ? 1 : 0),
      };
      return { path: '/events/batch', body: { events: [validEvent(a), second] } };
    },
  })),
];

function stored(answer: ApiAnswer): Array<{ streamId: string; version: number }> {
  return Array.isArray(answer.body?.events) ? answer.body.events : [];
}

describe('HTTP API under fuzzing', () => {
  const env = useRuntime(e2eApp);

  it('never answers 5xx, and a rejected request stores nothing (events table counted around each request)', async () => {
    const { api, eventCount } = env();
    let count = await eventCount();
    await fc.assert(
      fc.asyncProperty(fc.oneof(...recipes), async (recipe) => {
        const { path, body, raw } = recipe.build();
        const answer = await api.send('POST', path, body, raw);
        const after = await eventCount();
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        kinds.set(recipe.kind, (kinds.get(recipe.kind) ?? 0) + 1);
        expect(answer.status).toBeLessThan(500);
        if (answer.status >= 400) {
          expect(typeof answer.body.code).toBe('string');
          expect(after).toBe(count);
        } else {
          const events = stored(answer);
          expect(after).toBe(count + events.length);
          for (const e of events)
            versions.set(e.streamId, Math.max(versions.get(e.streamId) ?? 0, e.version));
        }
        count = after;
      }),
      { numRuns: 600, endOnFailure: true },
    );
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    console.log(
      `fuzz: ${total} requests; by status ${JSON.stringify(Object.fromEntries(statuses))}; by kind ${JSON.stringify(Object.fromEntries(kinds))}`,
    );
    expect(total).toBeGreaterThanOrEqual(500);
    for (const status of [201, 400, 409, 413]) expect(statuses.get(status) ?? 0).toBeGreaterThan(0);
  }, 240_000);
});
