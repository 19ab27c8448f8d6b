import type { Field } from '@aws-sdk/client-rds-data';
import fc from 'fast-check';
import { resultOf } from '../../../src/infrastructure/rds-data/result-rows';

/**
 * Data API records to rows, over whole classes of columns: each generated column has a PostgreSQL type, a value,
 * and the field the Data API answers for it when asked for longs and decimals as text (its documented forms:
 * integers as text or longs, json as text, timestamps as `YYYY-MM-DD HH:MM:SS[.ffffff]` text in UTC, arrays as
 * typed lists). The rows must hold the values as PGlite would give them.
 */

const RUNS = Number(process.env.EVENTFOLD_SQL_TRANSLATION_RUNS ?? 300);

interface Column {
  readonly typeName: string;
  readonly field: Field;
  readonly expected: unknown;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** The Data API's text of a timestamp: microseconds, trailing zeros trimmed. */
function timestampText(date: Date, micros: number): string {
  const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const fraction = `${pad(date.getUTCMilliseconds(), 3)}${pad(micros, 3)}`.replace(/0+$/, '');
  return `${day} ${time}${fraction ? `.${fraction}` : ''}`;
}

const int8 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((big): Column => ({
  typeName: 'int8',
  field: { stringValue: big.toString() },
  expected:
    big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big,
}));
const int4 = fc.integer().map((n): Column => ({ typeName: 'int4', field: { longValue: n }, expected: n }));
const float8 = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .map((n): Column => ({ typeName: 'float8', field: { doubleValue: n }, expected: n }));
const text = fc
  .string({ unit: 'binary' })
  .map((s): Column => ({ typeName: 'text', field: { stringValue: s }, expected: s }));
const numeric = fc
  .bigInt()
  .map((b): Column => ({ typeName: 'numeric', field: { stringValue: `${b}.50` }, expected: `${b}.50` }));
const jsonb = fc.jsonValue({ maxDepth: 4 }).map((v): Column => ({
  typeName: 'jsonb',
  field: { stringValue: JSON.stringify(v) },
  expected: JSON.parse(JSON.stringify(v)),
}));
const timestamptz = fc
  .tuple(
    fc.date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([date, micros]): Column => ({
    typeName: 'timestamptz',
    field: { stringValue: timestampText(date, micros) },
    expected: date,
  }));
const bool = fc.boolean().map((b): Column => ({ typeName: 'bool', field: { booleanValue: b }, expected: b }));
const bytea = fc
  .uint8Array({ maxLength: 16 })
  .map((bytes): Column => ({ typeName: 'bytea', field: { blobValue: bytes }, expected: bytes }));
const textArray = fc.array(fc.option(fc.string(), { nil: null })).map((values): Column => ({
  typeName: '_text',
  field: { arrayValue: { stringValues: values } },
  expected: values,
}));
const int8Array = fc.array(fc.bigInt({ min: 2n ** 60n, max: 2n ** 62n })).map((values): Column => ({
  typeName: '_int8',
  field: { arrayValue: { stringValues: values.map(String) } },
  expected: values,
}));
const nullOf = fc
  .constantFrom('int8', 'jsonb', 'timestamptz', 'text')
  .map((typeName): Column => ({ typeName, field: { isNull: true }, expected: null }));

const column = fc.oneof(
  int8,
  int4,
  float8,
  text,
  numeric,
  jsonb,
  timestamptz,
  bool,
  bytea,
  textArray,
  int8Array,
  nullOf,
);

describe('resultOf: Data API records to rows', () => {
  it('decodes every column as PGlite would: exact int8, parsed json, UTC dates, arrays', () => {
    fc.assert(
      fc.property(fc.array(fc.array(column, { minLength: 1, maxLength: 6 }), { maxLength: 4 }), (records) => {
        const width = Math.min(...records.map((r) => r.length));
        const rowsIn = records.map((r) => r.slice(0, width));
        const metadata = (rowsIn[0] ?? []).map((_, i) => ({
          name: `c${i}`,
          typeName: rowsIn[0]![i]!.typeName,
        }));
        // Every row of a result has the same column types: take them from the first row.
        const typed = rowsIn.map((row) =>
          row.map((c, i) => (c.typeName === metadata[i]!.typeName ? c : rowsIn[0]![i]!)),
        );
        const { rows, rowCount } = resultOf({
          records: typed.map((row) => row.map((c) => c.field)),
          columnMetadata: metadata,
          numberOfRecordsUpdated: 0,
        });
        expect(rowCount).toBe(typed.length);
        expect(rows).toEqual(
          typed.map((row) => Object.fromEntries(row.map((c, i) => [`c${i}`, c.expected]))),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('counts the rows a write changed when it returns none', () => {
    expect(resultOf({ numberOfRecordsUpdated: 3, records: [] })).toEqual({ rows: [], rowCount: 3 });
    expect(resultOf({})).toEqual({ rows: [], rowCount: 0 });
  });

  it('reads a timestamp with an offset at that offset', () => {
    const { rows } = resultOf<{ at: Date }>({
      records: [[{ stringValue: '2026-12-05 18:18:30.5+01' }], [{ stringValue: '2026-12-05' }]],
      columnMetadata: [{ name: 'at', typeName: 'timestamptz' }],
    });
    expect(rows.map((r) => r.at.toISOString())).toEqual([
      '2026-12-05T17:18:30.500Z',
      '2026-12-05T00:00:00.000Z',
    ]);
  });
});
