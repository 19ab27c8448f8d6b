import { Expose, Type } from 'class-transformer';
import { DomainEvent, EventRegistry, eventTypeOf } from '../../../src';
import { CounterIncremented, CounterOpened } from './counter.fixture';

class Money {
  @Expose() amount!: number;
  @Expose() currency!: string;
  get display(): string {
    return `${this.amount} ${this.currency}`;
  }
}

@DomainEvent('test.PriceSet', 1)
class PriceSet {
  @Expose() productId!: string;
  @Expose() @Type(() => Money) price!: Money;
  @Expose() @Type(() => Date) at!: Date;
}

@DomainEvent('test.Twin', 1)
class TwinA {}
@DomainEvent('test.Twin', 2)
class TwinB {}
@DomainEvent('test.SameVersionTwin', 1)
class SameVersionA {}
@DomainEvent('test.SameVersionTwin', 1)
class SameVersionB {}

class Undeclared {}

describe('event registry', () => {
  it('refuses two classes for one event type at registration', () => {
    expect(() => new EventRegistry().register(TwinA, TwinB)).toThrow(
      expect.objectContaining({
        code: 'CONFIGURATION_INVALID',
        context: expect.objectContaining({ type: 'test.Twin' }),
      }),
    );
  });

  it('refuses two classes for one event type and the same schema version', () => {
    expect(() => new EventRegistry().register(SameVersionA).register(SameVersionB)).toThrow(
      /test.SameVersionTwin is declared by two classes: SameVersionA \(v1\) and SameVersionB \(v1\)/,
    );
  });

  it('accepts the same class registered twice', () => {
    const registry = new EventRegistry().register(CounterOpened, CounterOpened).register(CounterOpened);
    expect(registry.types()).toEqual(['test.CounterOpened']);
  });

  it('refuses a class without @DomainEvent', () => {
    expect(() => new EventRegistry().register(Undeclared)).toThrow(
      /Undeclared is not declared with @DomainEvent/,
    );
  });

  it('serializes an event to its type, schema version and plain data', () => {
    const registry = new EventRegistry().register(PriceSet).seal();
    const event = Object.assign(new PriceSet(), {
      productId: 'p1',
      price: Object.assign(new Money(), { amount: 3, currency: 'EUR' }),
      at: new Date('2026-01-02T03:04:05.000Z'),
    });
    const serialized = registry.serialize(event);
    expect(serialized.type).toBe('test.PriceSet');
    expect(serialized.schemaVersion).toBe(1);
    expect(JSON.parse(JSON.stringify(serialized.data))).toEqual({
      productId: 'p1',
      price: { amount: 3, currency: 'EUR' },
      at: '2026-01-02T03:04:05.000Z',
    });
  });

  it('reads stored data back as instances of the registered classes, nested ones included', () => {
    const registry = new EventRegistry().register(PriceSet).seal();
    const event = registry.deserialize({
      type: 'test.PriceSet',
      schemaVersion: 1,
      data: { productId: 'p1', price: { amount: 3, currency: 'EUR' }, at: '2026-01-02T03:04:05.000Z' },
    }) as PriceSet;
    expect(event).toBeInstanceOf(PriceSet);
    expect(event.price).toBeInstanceOf(Money);
    expect(event.price.display).toBe('3 EUR');
    expect(event.at).toEqual(new Date('2026-01-02T03:04:05.000Z'));
    expect(eventTypeOf(event)).toEqual({ type: 'test.PriceSet', schemaVersion: 1 });
  });

  it('round-trips events through serialize and deserialize', () => {
    const registry = new EventRegistry().register(CounterOpened, CounterIncremented).seal();
    for (const event of [new CounterOpened('c1', 4), new CounterIncremented(2)]) {
      const back = registry.deserialize(JSON.parse(JSON.stringify(registry.serialize(event))));
      expect(back).toEqual(event);
      expect(back.constructor).toBe(event.constructor);
    }
  });

  it('raises UNKNOWN_TYPE for a type nothing is registered for', () => {
    const registry = new EventRegistry().register(CounterOpened).seal();
    expect(() => registry.deserialize({ type: 'test.Nope', schemaVersion: 1, data: {} })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_TYPE', context: { kind: 'event type', name: 'test.Nope' } }),
    );
    expect(() => registry.classOf('test.Nope')).toThrow(expect.objectContaining({ code: 'UNKNOWN_TYPE' }));
    expect(registry.has('test.Nope')).toBe(false);
    expect(registry.has('test.CounterOpened')).toBe(true);
  });

  it('refuses to serialize an event of an unregistered class', () => {
    const registry = new EventRegistry().register(CounterOpened).seal();
    expect(() => registry.serialize(new CounterIncremented(1))).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_TYPE' }),
    );
  });

  it.each([0, 2, 1.5, -1])(
    'raises UNKNOWN_TYPE for schema version %d outside 1..current',
    (schemaVersion) => {
      const registry = new EventRegistry().register(PriceSet).seal();
      expect(() => registry.deserialize({ type: 'test.PriceSet', schemaVersion, data: {} })).toThrow(
        expect.objectContaining({ code: 'UNKNOWN_TYPE' }),
      );
    },
  );

  it('refuses registration once sealed, and sealing twice is harmless', () => {
    const registry = new EventRegistry().register(CounterOpened).seal().seal();
    expect(() => registry.register(CounterIncremented)).toThrow(/sealed/);
    expect(() => registry.addUpcasters({ type: 'test.CounterOpened', fromVersion: 1, up: (d) => d })).toThrow(
      /sealed/,
    );
  });

  it('seals itself on the first read', () => {
    const registry = new EventRegistry().register(CounterIncremented);
    registry.deserialize({ type: 'test.CounterIncremented', schemaVersion: 1, data: { by: 1 } });
    expect(() => registry.register(CounterOpened)).toThrow(/sealed/);
  });
});
