import fc from 'fast-check';
import { applyRowChanges, type Row, type RowChange } from '../../../src/projections/row-changes';
import { RowMerge } from '../../../src/projections/row-merge';

const KEYS = ['k0', 'k1', 'k2'];
const FIELDS = ['f0', 'f1', 'f2', 'f3'];

const value = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom('a', 'b'), fc.constant(null));
const amount = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
  { weight: 1, arbitrary: fc.constantFrom(0.1, 0.2, 2 ** 53) },
);

/** One row's change of one event: a removal, or fields set and other fields added to. */
const rowChange = (key: string): fc.Arbitrary<RowChange> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant<RowChange>({ key, kind: 'remove' }) },
    {
      weight: 4,
      arbitrary: fc
        .record({
          set: fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 2 }),
          add: fc.dictionary(fc.constantFrom(...FIELDS), amount, { maxKeys: 2 }),
        })
        .map(({ set, add }): RowChange => {
          // One event sets a field or adds to it, never both (as RowChanges enforces).
          for (const field of Object.keys(set)) delete add[field];
          return { key, kind: 'upsert', set, add };
        }),
    },
  );

/** One event's changes: at most one per row. */
const eventChanges = fc.subarray(KEYS, { minLength: 1 }).chain((keys) => fc.tuple(...keys.map(rowChange)));

const startRows = fc.dictionary(
  fc.constantFrom(...KEYS),
  fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 3 }),
);

function applied(start: Record<string, Row>, events: readonly (readonly RowChange[])[]): Map<string, Row> {
  const rows = new Map(Object.entries(start).map(([k, r]) => [k, { ...r }]));
  for (const changes of events) applyRowChanges(rows, changes);
  return rows;
}

describe('merging the row changes of consecutive events', () => {
  it('gives the rows that applying the merged events one after another gives', () => {
    fc.assert(
      fc.property(startRows, fc.array(eventChanges, { minLength: 1, maxLength: 12 }), (start, events) => {
        const merge = new RowMerge();
        const merged: (readonly RowChange[])[] = [];
        for (const changes of events) {
          const before = merge.list();
          if (!merge.add(changes)) {
            // A refused event leaves the merge as it was.
            expect(merge.list()).toEqual(before);
            break;
          }
          merged.push(changes);
        }
        expect(applied(start, [merge.list()])).toEqual(applied(start, merged));
      }),
      { numRuns: 500 },
    );
  });

  it('merges additions and later sets into one change per row', () => {
    const merge = new RowMerge();
    expect(merge.add([{ key: 'day', kind: 'upsert', set: {}, add: { paid: 5, n: 1 } }])).toBe(true);
    expect(
      merge.add([{ key: 'day', kind: 'upsert', set: { currency: 'EUR' }, add: { paid: 7, n: 1 } }]),
    ).toBe(true);
    expect(merge.add([{ key: 'acc', kind: 'upsert', set: { last: 3 }, add: {} }])).toBe(true);
    expect(merge.add([{ key: 'acc', kind: 'upsert', set: {}, add: { last: 2 } }])).toBe(true);
    expect(merge.list()).toEqual([
      { key: 'day', kind: 'upsert', set: { currency: 'EUR' }, add: { paid: 12, n: 2 } },
      { key: 'acc', kind: 'upsert', set: { last: 5 }, add: {} },
    ]);
  });

  it('refuses what one write cannot say exactly: a removed row written again, inexact sums, too many rows', () => {
    const removed = new RowMerge();
    removed.add([{ key: 'r', kind: 'remove' }]);
    expect(removed.add([{ key: 'r', kind: 'upsert', set: { a: 1 }, add: {} }])).toBe(false);

    const decimals = new RowMerge();
    decimals.add([{ key: 'r', kind: 'upsert', set: {}, add: { a: 0.1 } }]);
    expect(decimals.add([{ key: 'r', kind: 'upsert', set: {}, add: { a: 0.2 } }])).toBe(false);

    const text = new RowMerge();
    text.add([{ key: 'r', kind: 'upsert', set: { a: 'x' }, add: {} }]);
    expect(text.add([{ key: 'r', kind: 'upsert', set: {}, add: { a: 1 } }])).toBe(false);

    const wide = new RowMerge();
    const rows = (from: number, n: number): RowChange[] =>
      Array.from({ length: n }, (_, i) => ({ key: `r${from + i}`, kind: 'upsert', set: {}, add: { n: 1 } }));
    expect(wide.add(rows(0, 60))).toBe(true);
    expect(wide.add(rows(60, 40))).toBe(false);
    expect(wide.list()).toHaveLength(60);
    expect(wide.add(rows(0, 60))).toBe(true);
  });
});
