import { Expose } from 'class-transformer';
import fc from 'fast-check';
import { DomainEvent, EventRegistry, type EventData, type Upcaster, UpcasterChain } from '../../../src';

@DomainEvent('test.ProductPriced', 3)
class ProductPricedV3 {
  @Expose() productId!: string;
  @Expose() cents!: number;
  @Expose() currency!: string;
}

const v1ToV2: Upcaster = {
  type: 'test.ProductPriced',
  fromVersion: 1,
  up: (d) => ({ ...d, currency: 'EUR' }),
};
const v2ToV3: Upcaster = {
  type: 'test.ProductPriced',
  fromVersion: 2,
  up: ({ price, ...rest }) => ({ ...rest, cents: Math.round(Number(price) * 100) }),
};

/** A step that records which version it upcast from, to check order and completeness. */
function tracingStep(type: string, fromVersion: number): Upcaster {
  return { type, fromVersion, up: (d) => ({ ...d, trail: [...((d.trail as number[]) ?? []), fromVersion] }) };
}

describe('upcasting', () => {
  it('chains v1 -> v2 -> v3 when reading an old event', () => {
    const registry = new EventRegistry().register(ProductPricedV3).addUpcasters(v2ToV3, v1ToV2).seal();
    const event = registry.deserialize({
      type: 'test.ProductPriced',
      schemaVersion: 1,
      data: { productId: 'p1', price: 2.5 },
    });
    expect(event).toEqual(
      Object.assign(new ProductPricedV3(), { productId: 'p1', cents: 250, currency: 'EUR' }),
    );
  });

  it('runs only the missing steps for a v2 event and none for a current one', () => {
    const registry = new EventRegistry().register(ProductPricedV3).addUpcasters(v1ToV2, v2ToV3).seal();
    const fromV2 = registry.deserialize({
      type: 'test.ProductPriced',
      schemaVersion: 2,
      data: { productId: 'p1', price: 1, currency: 'USD' },
    });
    expect(fromV2).toMatchObject({ cents: 100, currency: 'USD' });
    const current = registry.deserialize({
      type: 'test.ProductPriced',
      schemaVersion: 3,
      data: { productId: 'p1', cents: 7, currency: 'CHF' },
    });
    expect(current).toMatchObject({ cents: 7, currency: 'CHF' });
  });

  it('upcasts any stored version through every later step in order (property)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 12 })
          .chain((current) => fc.tuple(fc.constant(current), fc.integer({ min: 1, max: current }))),
        ([current, stored]) => {
          const chain = new UpcasterChain('t', current);
          for (let v = current - 1; v >= 1; v -= 1) chain.add(tracingStep('t', v));
          chain.assertComplete();
          const expected = Array.from({ length: current - stored }, (_, i) => stored + i);
          const result = chain.upcast({ original: true }, stored);
          expect(result).toEqual(expected.length ? { original: true, trail: expected } : { original: true });
        },
      ),
    );
  });

  it('finds every hole in a chain when the registry is sealed (property)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 10 })
          .chain((current) =>
            fc.tuple(fc.constant(current), fc.subarray(Array.from({ length: current - 1 }, (_, i) => i + 1))),
          ),
        ([current, present]) => {
          const chain = new UpcasterChain('t', current);
          present.forEach((v) => chain.add(tracingStep('t', v)));
          const missing = Array.from({ length: current - 1 }, (_, i) => i + 1).filter(
            (v) => !present.includes(v),
          );
          if (missing.length === 0) {
            expect(() => chain.assertComplete()).not.toThrow();
          } else {
            expect(() => chain.assertComplete()).toThrow(
              expect.objectContaining({ context: expect.objectContaining({ missingFrom: missing }) }),
            );
          }
        },
      ),
    );
  });

  it('refuses at startup a v3 event with only a v1 -> v2 step', () => {
    const registry = new EventRegistry().register(ProductPricedV3).addUpcasters(v1ToV2);
    expect(() => registry.seal()).toThrow('test.ProductPriced is at v3 but has no upcaster from v2');
  });

  it('refuses a current-version event without any upcaster when it is past v1', () => {
    expect(() => new EventRegistry().register(ProductPricedV3).seal()).toThrow(/no upcaster from v1, v2/);
  });

  it.each([0, 3, 4, 1.5])('refuses an upcaster from v%d, outside 1..current-1', (fromVersion) => {
    const registry = new EventRegistry()
      .register(ProductPricedV3)
      .addUpcasters(v1ToV2, v2ToV3, { type: 'test.ProductPriced', fromVersion, up: (d: EventData) => d });
    expect(() => registry.seal()).toThrow(expect.objectContaining({ code: 'CONFIGURATION_INVALID' }));
  });

  it('refuses two upcasters from the same version', () => {
    const registry = new EventRegistry().register(ProductPricedV3).addUpcasters(v1ToV2, v1ToV2, v2ToV3);
    expect(() => registry.seal()).toThrow('two upcasters of test.ProductPriced from v1');
  });

  it('refuses an upcaster for an unregistered event type', () => {
    const registry = new EventRegistry().addUpcasters({ type: 'test.Ghost', fromVersion: 1, up: (d) => d });
    expect(() => registry.seal()).toThrow('upcaster for unregistered event type test.Ghost');
  });

  it('fails loudly when asked to upcast across a hole of an unchecked chain', () => {
    const chain = new UpcasterChain('t', 3);
    chain.add(tracingStep('t', 2));
    expect(() => chain.upcast({}, 1)).toThrow('t has no upcaster from v1');
  });
});
