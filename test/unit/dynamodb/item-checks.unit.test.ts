import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import {
  emptyAttributeNameIn,
  unstorableNumberIn,
} from '../../../src/infrastructure/dynamodb/event-store/event-item';
import { attributeValueSize, itemSize } from '../../../src/infrastructure/dynamodb/event-store/item-size';

const integerText = fc.oneof(
  fc.bigInt({ min: -(10n ** 38n), max: 10n ** 38n }),
  fc.bigInt({ min: 1n, max: 10n ** 20n }).map((n) => n * 10n ** 15n),
);

describe('item checks before a write', () => {
  it('size an integer in plain digits as the same number written with a fraction or an exponent (property)', () => {
    fc.assert(
      fc.property(integerText, (n) => {
        const size = attributeValueSize({ N: String(n) });
        expect(size).toBe(attributeValueSize({ N: `${n}.0` }));
        expect(size).toBe(attributeValueSize({ N: `${n}e0` }));
      }),
      { numRuns: 500 },
    );
  });

  it('size known integers as DynamoDB counts them', () => {
    const sizes = { '0': 1, '7': 2, '-7': 3, '10': 2, '100': 2, '123': 3, '1000000': 2, '1234567': 5 };
    for (const [text, size] of Object.entries(sizes)) expect(attributeValueSize({ N: text })).toBe(size);
    expect(itemSize({ streamId: { S: 'Order#1' }, version: { N: '1' } })).toBe(24);
  });

  it('name the path of an empty attribute name in nested maps and lists', () => {
    const deep: Record<string, AttributeValue> = {
      data: { M: { a: { L: [{ S: 'x' }, { M: { b: { M: { '': { S: 'y' } } } } }] } } },
    };
    expect(emptyAttributeNameIn(deep)).toBe('data.a[1].b');
    expect(emptyAttributeNameIn({ data: { M: { '': { S: 'y' } } } })).toBe('data');
    expect(emptyAttributeNameIn({ '': { S: 'y' } })).toBe('(top level)');
    expect(emptyAttributeNameIn({ data: { M: { a: { L: [{ S: '' }] } } } })).toBeUndefined();
  });

  it('find a number below 1e-130 in numbers, number sets, lists and maps', () => {
    expect(unstorableNumberIn({ n: { N: '1e-131' } })).toBe('1e-131');
    expect(unstorableNumberIn({ s: { NS: ['1', '-2e-200'] } })).toBe('-2e-200');
    expect(unstorableNumberIn({ d: { M: { l: { L: [{ N: '0' }, { M: { x: { N: '3e-150' } } }] } } } })).toBe(
      '3e-150',
    );
    expect(unstorableNumberIn({ d: { M: { l: { L: [{ N: '0' }, { N: '1e-130' }] } } } })).toBeUndefined();
  });
});
