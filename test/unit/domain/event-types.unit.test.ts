import { DomainEvent, STREAM_ID_RULE, eventTypeOf, parseStreamId, streamIdOf } from '../../../src';
import { CounterIncremented } from './counter.fixture';

describe('event types', () => {
  it('reads the type and schema version of a class and of an instance', () => {
    expect(eventTypeOf(CounterIncremented)).toEqual({ type: 'test.CounterIncremented', schemaVersion: 1 });
    expect(eventTypeOf(new CounterIncremented(1))).toEqual(eventTypeOf(CounterIncremented));
  });

  it('routes by the declared type name, not the class name', () => {
    const renamed = { [`Renamed${'ByBundler'}`]: class {} };
    const cls = Object.values(renamed)[0]!;
    DomainEvent('test.Stable', 4)(cls);
    expect(eventTypeOf(cls)).toEqual({ type: 'test.Stable', schemaVersion: 4 });
  });

  it.each(['', '9Lives', 'has space', 'Order#Placed'])('refuses the event type name %p', (type) => {
    expect(() => DomainEvent(type)).toThrow(expect.objectContaining({ code: 'CONFIGURATION_INVALID' }));
  });

  it.each([0, -1, 1.5])('refuses the schema version %p', (version) => {
    expect(() => DomainEvent('test.Fine', version)).toThrow(/whole number from 1/);
  });

  it('refuses a class that was not declared', () => {
    expect(() => eventTypeOf(class Plain {})).toThrow('Plain is not declared with @DomainEvent');
  });
});

describe('stream ids', () => {
  it('joins and splits type and id', () => {
    expect(streamIdOf('Order', '42')).toBe('Order#42');
    expect(parseStreamId('Order#42')).toEqual({ aggregateType: 'Order', aggregateId: '42' });
    expect(parseStreamId('Order#a#b')).toBeUndefined();
  });

  it.each(['Order', '#42', 'Order#', 'Or der#1', 'Order# 1'])('refuses the malformed stream id %p', (id) => {
    expect(parseStreamId(id)).toBeUndefined();
  });

  it('describes the rule for error messages', () => {
    expect(STREAM_ID_RULE).toContain('<type>#<id>');
  });
});
