import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { inspect, isDeepStrictEqual } from 'node:util';
import {
  attributeMapOf,
  MARSHALL_OPTIONS,
} from '../../../src/infrastructure/dynamodb/event-store/attribute-values';
import {
  emptyAttributeNameIn,
  unstorableNumberIn,
} from '../../../src/infrastructure/dynamodb/event-store/event-item';
import { shapeBreachIn } from '../../../src/infrastructure/dynamodb/event-store/item-shape';
import { itemSize } from '../../../src/infrastructure/dynamodb/event-store/item-size';
import { surveyItem } from '../../../src/infrastructure/dynamodb/event-store/item-size';

const runs = Number(process.env.EVENTFOLD_ITEM_FAST_PATH_RUNS ?? 400);

/** Names a hostile payload may use: any string, and the ones that reach into prototypes. */
const hostileKey = fc.oneof(
  fc.string(),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'name', ''),
);

/** Values of every class `marshall` meets: JSON, boxed values, maps, sets, typed arrays, null prototypes, and more. */
const anyValue = fc.anything({
  key: hostileKey,
  maxDepth: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withTypedArray: true,
  withSparseArray: true,
});

/** Special values mixed in: unsafe and special numbers, functions, class instances, spoofed constructors. */
class Point {
  constructor(
    readonly x: unknown,
    readonly y: unknown,
  ) {}
}
const special = fc.oneof(
  fc.constantFrom(Number.NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 53), -0, 1e-200, () => 1, undefined),
  anyValue.map((v) => new Point(v, [v])),
  anyValue.map((v) => ({ constructor: { name: 'Set' }, v })),
  anyValue.map((v) => JSON.parse(`{"__proto__": ${JSON.stringify({ v: typeof v })}, "w": 1}`) as unknown),
);
const value = fc.oneof(anyValue, special);
const data = fc.oneof(
  fc.dictionary(hostileKey, value, { maxKeys: 6 }),
  fc.array(value, { maxLength: 3 }).map((values) => ({ values, nested: { values } })),
  value.filter((v): v is object => typeof v === 'object' && v !== null),
);

/** What a function gives or throws, for comparing two of them. */
function outcome(f: () => unknown): { value?: unknown; error?: string } {
  try {
    return { value: f() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Attribute values with everything the checks look for: tiny numbers, empty and long names, deep nesting. */
const attribute = fc.letrec<{ value: AttributeValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 6 },
    fc.string().map((S) => ({ S })),
    fc.constantFrom('0', '7', '-120', '1.5e3', '1e-131', '-3e-200', '1e-130').map((N) => ({ N })),
    fc.constantFrom(['1', '2'], ['1', '1e-140']).map((NS) => ({ NS: [...NS] })),
    fc.constant({ BOOL: true }),
    fc.constant({ NULL: true }),
    fc.array(tie('value'), { maxLength: 3 }).map((L) => ({ L })),
    fc.dictionary(fc.oneof(fc.string(), fc.constant('')), tie('value'), { maxKeys: 3 }).map((M) => ({ M })),
  ),
})).value;

/** A chain of maps and lists around a value, deep enough to reach DynamoDB's 32 levels or not. */
const nested = fc
  .tuple(attribute, fc.oneof(fc.integer({ min: 29, max: 33 }), fc.integer({ min: 0, max: 40 })), fc.boolean())
  .map(([inner, depth, lists]) => {
    let value = inner;
    for (let i = 0; i < depth; i += 1) value = lists && i % 2 ? { L: [value] } : { M: { a: value } };
    return value;
  });
const longName = fc.integer({ min: 65_530, max: 65_540 }).map((n) => 'n'.repeat(n));
const item = fc.record({
  streamId: fc.string().map((S) => ({ S })),
  data: fc.oneof(nested, attribute),
  metadata: fc.oneof(
    attribute,
    fc.tuple(longName, attribute).map(([name, v]) => ({ M: { [name]: v } })),
  ),
});

describe('fast paths of the commit item', () => {
  it('marshals event data and metadata exactly as marshall does, whatever the data (property)', () => {
    fc.assert(
      fc.property(data, (input) => {
        const fast = outcome(() => attributeMapOf(input));
        const generic = outcome(() => marshall(input, MARSHALL_OPTIONS));
        // Node's deep equality compares prototypes without reading an own `constructor` field, as jest's would.
        if (!isDeepStrictEqual(fast, generic))
          expect(inspect(fast, { depth: 9 })).toBe(inspect(generic, { depth: 9 }));
      }),
      { numRuns: runs },
    );
  });

  it('one walk passes exactly the items every check passes, and sizes them as itemSize (property)', () => {
    fc.assert(
      fc.property(item, (candidate) => {
        const refused =
          shapeBreachIn(candidate) !== undefined ||
          emptyAttributeNameIn(candidate) !== undefined ||
          unstorableNumberIn(candidate) !== undefined;
        const bytes = surveyItem(candidate);
        expect(bytes === undefined).toBe(refused);
        if (bytes !== undefined) expect(bytes).toBe(itemSize(candidate));
      }),
      { numRuns: runs },
    );
  });
});
