import fc from 'fast-check';
import { guardJsonBody, RESERVED_KEYS } from '../../../src/infrastructure/http/body-guard';

const limits = { maxDepth: 8, maxKeyBytes: 16 };

/** A recursive reference of what the guard must refuse, written independently of it. */
function breaks(value: unknown, depth = 1): boolean {
  if (typeof value === 'number')
    return (
      !Number.isFinite(value) ||
      Math.abs(value) > Number.MAX_SAFE_INTEGER ||
      (value !== 0 && Math.abs(value) < 1e-130)
    );
  if (typeof value !== 'object' || value === null) return false;
  if (depth > limits.maxDepth) return true;
  return Object.entries(value).some(
    ([key, child]) =>
      (!Array.isArray(value) && (RESERVED_KEYS.has(key) || Buffer.byteLength(key) > limits.maxKeyBytes)) ||
      breaks(child, depth + 1),
  );
}

const keyArb = fc.oneof(
  { arbitrary: fc.string({ maxLength: 6 }), weight: 6 },
  { arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype'), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', minLength: 5, maxLength: 12 }), weight: 1 },
);
const numberArb = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, -0, 1e308, 1e-131, 5e-324),
);
const { json } = fc.letrec((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numberArb,
    fc.string({ maxLength: 4 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('json'), { maxLength: 3 }),
    fc.array(fc.tuple(keyArb, tie('json')), { maxLength: 3 }).map((entries) => {
      const out: Record<string, unknown> = {};
      for (const [key, value] of entries)
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      return out;
    }),
  ),
}));

function refusal(body: unknown): { code: string; context: Record<string, any> } | undefined {
  try {
    guardJsonBody(body, limits);
    return undefined;
  } catch (error) {
    return error as { code: string; context: Record<string, any> };
  }
}

describe('JSON body guard', () => {
  it('refuses exactly the bodies that nest too deep, use a reserved or too long key, or hold an unstorable number', () => {
    fc.assert(
      fc.property(json, (body) => {
        const error = refusal(body);
        expect(error !== undefined).toBe(breaks(body));
        if (error) expect(['VALIDATION_FAILED', 'LIMIT_EXCEEDED']).toContain(error.code);
      }),
      { numRuns: 2_000 },
    );
  });

  it('names the depth limit, the depth found and the path where the body goes too deep', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000 }), fc.boolean(), (depth, arrays) => {
        const text = arrays
          ? `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`
          : `{"a":${'{"b":'.repeat(depth)}1${'}'.repeat(depth)}}`;
        const error = refusal(JSON.parse(text));
        if (depth + 1 <= limits.maxDepth) return expect(error).toBeUndefined();
        expect(error).toMatchObject({
          code: 'LIMIT_EXCEEDED',
          context: { max: limits.maxDepth, actual: depth + 1 },
        });
        expect(error!.context.field).toBe(
          arrays ? `a${'[0]'.repeat(limits.maxDepth - 1)}` : `a${'.b'.repeat(limits.maxDepth - 1)}`,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('names a reserved key by its path, wherever it is', () => {
    const body = JSON.parse('{"data":{"lines":[{"sku":"a","__proto__":{"polluted":1}}]}}');
    expect(refusal(body)).toMatchObject({
      code: 'VALIDATION_FAILED',
      context: {
        violations: [{ field: 'data.lines[0].__proto__', reasons: ['uses the reserved key __proto__'] }],
      },
    });
  });

  it('counts key length in UTF-8 bytes', () => {
    expect(refusal({ ['é'.repeat(8)]: 1 })).toBeUndefined();
    expect(refusal({ ['é'.repeat(9)]: 1 })).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      context: { max: 16, actual: 18, field: 'ééééééééé' },
    });
  });
});
