import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import type { StoredEvent } from '../../../src/domain/stored-event';
import {
  fromEventItem,
  MalformedEventItemError,
  toEventItem,
} from '../../../src/infrastructure/dynamodb/event-store/event-item';
import {
  timeBucketKey,
  timeBucketOf,
  timePositionOf,
} from '../../../src/infrastructure/dynamodb/event-store/time-index';

/** Keys of event data (`__proto__` is left out: no plain object read from JSON or DynamoDB keeps it as a key). */
const key = fc.string({ minLength: 1 }).filter((k) => k !== '__proto__');

/** Values an event's data may hold once stored: JSON values with safe numbers. */
const jsonValue = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer(),
    fc
      .double({ noNaN: true, noDefaultInfinity: true, min: -1e100, max: 1e100 })
      .filter((n) => !Object.is(n, -0) && (!Number.isInteger(n) || Number.isSafeInteger(n))),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;

const storedEvent: fc.Arbitrary<StoredEvent> = fc.record({
  streamId: fc.string({ minLength: 1 }),
  version: fc.integer({ min: 1, max: 2 ** 40 }),
  eventId: fc.uuid(),
  type: fc.string({ minLength: 1 }),
  schemaVersion: fc.integer({ min: 1, max: 100 }),
  data: fc.dictionary(key, jsonValue, { maxKeys: 6 }),
  metadata: fc.dictionary(key, fc.oneof(fc.string(), fc.integer()), { maxKeys: 3 }),
  committedAt: fc
    .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) })
    .map((ms) => new Date(ms).toISOString()),
  commitId: fc.uuid(),
});

describe('events table items', () => {
  it('read back as the stored event, and as unmarshalling the whole item reads them', () => {
    fc.assert(
      fc.property(storedEvent, fc.integer({ min: 0, max: 15 }), (event, shard) => {
        const item = toEventItem(event, shard);
        const read = fromEventItem(item);
        expect(read).toEqual(event);
        const whole = unmarshall(item);
        for (const [name, value] of Object.entries(read)) expect(value).toEqual(whole[name]);
      }),
      { numRuns: 300 },
    );
  });

  it('are what marshalling the whole event with its time index keys gives', () => {
    fc.assert(
      fc.property(storedEvent, fc.integer({ min: 0, max: 99 }), (event, shard) => {
        const timeIndex = {
          timeBucket: timeBucketKey(timeBucketOf(event.committedAt), shard),
          timePosition: timePositionOf(event),
        };
        const options = { removeUndefinedValues: true, convertClassInstanceToMap: true };
        expect(toEventItem(event, shard)).toEqual(marshall({ ...event, ...timeIndex }, options));
      }),
      { numRuns: 300 },
    );
  });

  it('store maps without fields (the empty-map shortcut) exactly as marshalling them does', () => {
    class NoFields {}
    const fieldless = fc.constantFrom<() => object>(
      () => ({}),
      () => new NoFields(),
      () => Object.create(null) as object,
      () => ({ [Symbol('hidden')]: 1 }),
      () => ({ gone: undefined }),
      () => Object.create({ inherited: 1 }) as object,
    );
    fc.assert(
      fc.property(storedEvent, fieldless, fieldless, (event, data, metadata) => {
        const options = { removeUndefinedValues: true, convertClassInstanceToMap: true };
        const item = toEventItem({
          ...event,
          data: data() as StoredEvent['data'],
          metadata: metadata() as StoredEvent['metadata'],
        });
        expect(item.data).toEqual({ M: marshall(data(), options) });
        expect(item.metadata).toEqual({ M: marshall(metadata(), options) });
        expect(fromEventItem(item).data).toEqual(unmarshall(item.data!.M!));
      }),
      { numRuns: 60 },
    );
  });

  it('read an absent or null data or metadata map as an empty object', () => {
    const item = toEventItem(fc.sample(storedEvent, { numRuns: 1, seed: 7 })[0]!, 0);
    const { data: _data, ...withoutData } = item;
    expect(fromEventItem(withoutData).data).toEqual({});
    expect(fromEventItem({ ...item, metadata: { NULL: true } }).metadata).toEqual({});
  });

  it('refuse an item whose attribute is missing or of another type, naming it', () => {
    const item = toEventItem(fc.sample(storedEvent, { numRuns: 1, seed: 7 })[0]!, 0);
    const { version: _version, ...withoutVersion } = item;
    expect(() => fromEventItem(withoutVersion)).toThrow(MalformedEventItemError);
    expect(() => fromEventItem(withoutVersion)).toThrow('attribute version is missing or not of type N');
    expect(() => fromEventItem({ ...item, streamId: { N: '1' } })).toThrow('attribute streamId');
    expect(() => fromEventItem({ ...item, data: { S: 'x' } })).toThrow('attribute data');
  });
});
