import fc from 'fast-check';
import { validateSchema, type JsonSchema } from '../../../src/infrastructure/http/json-schema';
import { publishEventSchema } from '../../../src/infrastructure/http/publish-schema';
import { Router } from '../../../src/infrastructure/http/router';
import { apiRoutes } from '../../../src/infrastructure/http/routes';

const validBody = fc.record(
  {
    streamId: fc.constant('Order#1'),
    expectedVersion: fc.nat(),
    type: fc.string({ minLength: 1, maxLength: 128 }),
    schemaVersion: fc.integer({ min: 1, max: 9 }),
    data: fc.dictionary(fc.string(), fc.jsonValue()),
    eventId: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,20}$/),
    metadata: fc.dictionary(fc.string(), fc.string(), { maxKeys: 5 }),
  },
  { requiredKeys: ['expectedVersion', 'type', 'data'] },
);

describe('request schemas', () => {
  it('accepts every body that follows the publish schema', () => {
    fc.assert(fc.property(validBody, (body) => expect(validateSchema(publishEventSchema, body)).toEqual([])));
  });

  it('names the field whose value has the wrong type, and only that field', () => {
    const fields = ['expectedVersion', 'type', 'data', 'schemaVersion'] as const;
    fc.assert(
      fc.property(
        validBody,
        fc.constantFrom(...fields),
        fc.oneof(fc.boolean(), fc.constant(null), fc.array(fc.nat())),
        (body, field, value) => {
          const violations = validateSchema(publishEventSchema, { ...body, [field]: value });
          expect(violations.map((v) => v.field)).toEqual([field]);
        },
      ),
    );
  });

  it('names nested paths with indexes', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { events: { type: 'array', items: { type: 'object', required: ['type'] } } },
    };
    expect(validateSchema(schema, { events: [{ type: 'a' }, {}] })).toEqual([
      { field: 'events[1].type', reasons: ['is required'] },
    ]);
    expect(validateSchema(schema, 'x')).toEqual([
      { field: '(body)', reasons: ['must be an object, got string'] },
    ]);
  });
});

describe('router', () => {
  const router = new Router(apiRoutes);

  it('matches templates and decodes path parameters', () => {
    const found = router.lookup('GET', '/projections/order-documents/documents/Order%2342');
    expect(found.kind === 'match' && found.match.params).toEqual({
      name: 'order-documents',
      streamId: 'Order#42',
    });
  });

  it('tells a wrong method from an unknown path, and survives malformed escapes', () => {
    expect(router.lookup('PUT', '/events')).toEqual({ kind: 'method', allowed: ['POST'] });
    expect(router.lookup('GET', '/nothing/here').kind).toBe('none');
    expect(router.lookup('GET', '/streams/%E0%A4%A').kind).toBe('none');
  });
});
