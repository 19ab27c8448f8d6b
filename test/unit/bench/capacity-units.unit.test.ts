import { marshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import {
  type TableShape,
  dollarsPerMillion,
  itemReadUnits,
  queryReadUnits,
  writeUnits,
} from '../../../bench/cost/capacity-units';
import { itemSize } from '../../../src/infrastructure/dynamodb/event-store/item-size';

/** An item of exactly `bytes` bytes (at least 4): `pk` = 'a' (3 bytes) and `d` holding the rest (1 + n). */
const itemOf = (bytes: number, extra: Record<string, unknown> = {}) =>
  marshall({ pk: 'a', d: 'x'.repeat(bytes - 4), ...extra });

const plain: TableShape = { keys: ['pk'], indexes: [] };
const indexed = (projection: 'ALL' | 'KEYS_ONLY'): TableShape => ({
  keys: ['pk'],
  indexes: [{ name: 'by-g', keys: ['g'], projection }],
});

describe('item sizes by the rules AWS documents', () => {
  it('counts attribute names and values: strings by UTF-8 bytes, numbers by digit pairs plus one', () => {
    expect(itemSize(marshall({ name: 'Zoë' }))).toBe(4 + 4);
    expect(itemSize(marshall({ n: 123 }))).toBe(1 + 2 + 1);
    expect(itemSize(marshall({ n: 1_000_000 }))).toBe(1 + 1 + 1);
    expect(itemSize(marshall({ b: true, z: null }))).toBe(2 + 2);
  });

  it('counts 3 bytes per list or map and 1 byte per element, map keys included', () => {
    expect(itemSize(marshall({ m: {} }))).toBe(1 + 3);
    expect(itemSize(marshall({ m: { a: 'x' } }))).toBe(1 + 3 + 1 + (1 + 1));
    expect(itemSize(marshall({ l: ['x', 'yy'] }))).toBe(1 + 3 + (1 + 1) + (1 + 2));
  });
});

describe('write request units', () => {
  it('charges 1 per KB of the larger image, rounded up, twice in a transaction (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 10_000 }),
        fc.integer({ min: 4, max: 10_000 }),
        fc.boolean(),
        (a, b, tx) => {
          const units = writeUnits({ before: itemOf(a), after: itemOf(b), transactional: tx }, plain);
          expect(units).toEqual({ table: Math.ceil(Math.max(a, b) / 1024) * (tx ? 2 : 1), indexes: 0 });
        },
      ),
      { numRuns: 200 },
    );
    expect(writeUnits({ after: itemOf(1024) }, plain).table).toBe(1);
    expect(writeUnits({ after: itemOf(1025) }, plain).table).toBe(2);
    expect(writeUnits({ before: itemOf(10) }, plain).table).toBe(1);
  });

  it('adds one write per KB of the index entry for a new item in a GSI, not doubled by transactions', () => {
    const item = itemOf(1500, { g: 'k' });
    expect(writeUnits({ after: item, transactional: true }, indexed('ALL'))).toEqual({
      table: 4,
      indexes: 2,
    });
    expect(writeUnits({ after: item }, indexed('KEYS_ONLY'))).toEqual({ table: 2, indexes: 1 });
    expect(writeUnits({ after: itemOf(1500) }, indexed('ALL'))).toEqual({ table: 2, indexes: 0 });
  });

  it('writes an index only when the entry changes, twice when its key moves', () => {
    const before = itemOf(100, { g: 'k', c: 1 });
    expect(writeUnits({ before, after: itemOf(100, { g: 'k', c: 1 }) }, indexed('ALL')).indexes).toBe(0);
    expect(writeUnits({ before, after: itemOf(100, { g: 'k', c: 2 }) }, indexed('ALL')).indexes).toBe(1);
    expect(writeUnits({ before, after: itemOf(100, { g: 'k', c: 2 }) }, indexed('KEYS_ONLY')).indexes).toBe(
      0,
    );
    expect(writeUnits({ before, after: itemOf(100, { g: 'm', c: 1 }) }, indexed('KEYS_ONLY')).indexes).toBe(
      2,
    );
    expect(writeUnits({ before }, indexed('ALL')).indexes).toBe(1);
  });
});

describe('read request units', () => {
  it('rounds each item read by key up to 4 KB, a missing item one block; eventual half, transactional twice', () => {
    expect(itemReadUnits([0], { consistent: false })).toBe(0.5);
    expect(itemReadUnits([4096], { consistent: true })).toBe(1);
    expect(itemReadUnits([4097, 10], { consistent: true })).toBe(3);
    expect(itemReadUnits([10], { consistent: true, transactional: true })).toBe(2);
  });

  it("rounds a query's summed item sizes up to 4 KB once, one block when it read nothing (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 400_000 }), { maxLength: 50 }),
        fc.boolean(),
        (sizes, consistent) => {
          const units = queryReadUnits(sizes, { consistent });
          const blocks = Math.max(1, Math.ceil(sizes.reduce((a, b) => a + b, 0) / 4096));
          expect(units).toBe(blocks * (consistent ? 1 : 0.5));
          expect(units).toBeLessThanOrEqual(
            Math.max(itemReadUnits(sizes, { consistent }), consistent ? 1 : 0.5),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('prices units at on-demand list prices: $1.25 per million WRU, $0.25 per million RRU', () => {
    expect(dollarsPerMillion({ wru: 2, rru: 1.5 })).toBe(2.875);
  });
});
