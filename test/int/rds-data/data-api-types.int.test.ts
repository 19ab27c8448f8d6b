import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Field, SqlParameter } from '@aws-sdk/client-rds-data';
import fc from 'fast-check';
import { type DataApiStatement, toDataApiStatement } from '../../../src/infrastructure/rds-data';

/**
 * Do the typed parameters the Data API adapter makes mean, in a real PostgreSQL, what the values meant? Values of
 * every class (text of any graphemes and quotes, integers and doubles at the edges, NaN and the infinities,
 * bigints past 64 bits, dates of every year, nested JSON, arrays with NULLs, bytes) go through `toDataApiStatement`
 * into a column of their natural type, and the database's own text of what it stored is compared with the value.
 *
 * No Data API runs locally, so its binding is played here as documented: a parameter is bound with the SQL type
 * its field names (a string as varchar, a long as int8, a double as float8, DECIMAL as numeric, TIMESTAMP as
 * timestamp, JSON as json, a blob as bytea). PostgreSQL is PGlite, in a process of its own (see the line server).
 */

const RUNS = Number(process.env.EVENTFOLD_SQL_TYPES_RUNS ?? 150);

/** The SQL type the Data API binds a field as. */
function castOf(field: SqlParameter): { cast: string; param: unknown } {
  const value = field.value as Field;
  if (value.isNull) return { cast: '', param: null };
  if (value.longValue !== undefined) return { cast: '::int8', param: String(value.longValue) };
  if (value.doubleValue !== undefined) return { cast: '::float8', param: String(value.doubleValue) };
  if (value.booleanValue !== undefined) return { cast: '::bool', param: String(value.booleanValue) };
  if (value.blobValue !== undefined) return { cast: '', param: Buffer.from(value.blobValue).toString('hex') };
  const hinted = {
    DECIMAL: '::numeric',
    TIMESTAMP: '::timestamp',
    JSON: '::json',
    UUID: '::uuid',
    DATE: '::date',
  };
  return {
    cast: field.typeHint ? hinted[field.typeHint as keyof typeof hinted] : '::varchar',
    param: value.stringValue,
  };
}

/** The statement the database runs for a Data API request: `:pN` bound positionally with the fields' types. */
function bindLikeTheDataApi({ sql, parameters }: DataApiStatement): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const bound = sql.replace(/(?<![:\w]):(p\d+)\b/g, (_match, name: string) => {
    const field = parameters.find((p) => p.name === name)!;
    const { cast, param } = castOf(field);
    params.push(param);
    const at = `$${params.length}`;
    return field.value?.blobValue !== undefined ? `decode(${at}, 'hex')` : `${at}${cast}`;
  });
  return { sql: bound, params };
}

class LineServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: Array<(line: string) => void> = [];

  constructor() {
    this.child = spawn(process.execPath, [join(__dirname, 'pglite-line-server.mjs')], { stdio: 'pipe' });
    createInterface({ input: this.child.stdout }).on('line', (line) => this.waiting.shift()?.(line));
  }

  ready(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(() => resolve()));
  }

  query(
    sql: string,
    params: unknown[],
  ): Promise<{ rows?: Array<Record<string, string | null>>; error?: string }> {
    return new Promise((resolve) => {
      this.waiting.push((line) => resolve(JSON.parse(line)));
      this.child.stdin.write(`${JSON.stringify({ sql, params })}\n`);
    });
  }

  stop(): void {
    this.child.stdin.end();
  }
}

let db: LineServer;

beforeAll(async () => {
  db = new LineServer();
  await db.ready();
  // Aurora's default time zone is UTC: a TIMESTAMP parameter lands in a timestamptz column as UTC.
  for (const statement of [
    "SET TimeZone = 'UTC'",
    'CREATE TABLE t (s text, b int8, n numeric, f float8, ts timestamptz, j jsonb, a text[], y bytea, flag bool)',
  ]) {
    expect(await db.query(statement, [])).toEqual({ rows: [] });
  }
}, 60_000);

afterAll(() => db.stop());

/** One value, the column it goes into, how to read it back as text, and the text expected. */
interface Case {
  readonly column: string;
  readonly value: unknown;
  readonly cast?: string;
  readonly readBack: string;
  readonly expected: (text: string | null) => unknown;
  readonly want: unknown;
}

const noNul = (text: string) => !text.includes('\u0000');
const same = (text: string | null) => text;
const INT8 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

const cases: fc.Arbitrary<Case> = fc.oneof(
  fc
    .oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string({
        unit: fc.constantFrom("'", "''", '"', '\\', '$1', ':p1', '--', '/*', ';', '{', 'é', '\n'),
      }),
    )
    .filter(noNul)
    .map((value) => ({ column: 's', value, readBack: 's', expected: same, want: value })),
  fc
    .oneof(fc.integer(), fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 0, -0))
    .map((value) => ({ column: 'b', value, readBack: 'b::text', expected: same, want: String(value) })),
  fc
    .bigInt(INT8)
    .map((value) => ({ column: 'b', value, readBack: 'b::text', expected: same, want: `${value}` })),
  fc
    .bigInt({ min: -(2n ** 200n), max: 2n ** 200n })
    .map((value) => ({ column: 'n', value, readBack: 'n::text', expected: same, want: `${value}` })),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => ({
    column: 'f',
    value,
    readBack: 'f::text',
    expected: (text: string | null) => Number(text),
    want: Object.is(value, -0) ? 0 : value,
  })),
  fc.constantFrom(NaN, Infinity, -Infinity).map((value) => ({
    column: 'f',
    value,
    readBack: 'f::text',
    expected: same,
    want: String(value),
  })),
  fc
    .date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    })
    .map((value) => ({
      column: 'ts',
      value,
      readBack: '(extract(epoch FROM ts) * 1000)::text',
      expected: (text: string | null) => Number(text),
      want: value.getTime(),
    })),
  fc
    .dictionary(fc.string().filter(noNul), fc.jsonValue({ maxDepth: 3 }))
    .filter((value) => noNul(JSON.stringify(value)) && !/\\ud[89a-f]/i.test(JSON.stringify(value)))
    .map((value) => ({
      column: 'j',
      value,
      readBack: 'j::text',
      expected: (text: string | null) => JSON.parse(text!),
      want: JSON.parse(JSON.stringify(value)),
    })),
  fc
    .array(fc.option(fc.string({ unit: 'grapheme' }).filter(noNul), { nil: null }), { maxLength: 6 })
    .map((value) => ({
      column: 'a',
      value,
      cast: '::text[]',
      readBack: 'array_to_json(a)::text',
      expected: (text: string | null) => JSON.parse(text!),
      want: value,
    })),
  fc.uint8Array({ maxLength: 24 }).map((value) => ({
    column: 'y',
    value,
    readBack: "encode(y, 'hex')",
    expected: same,
    want: Buffer.from(value).toString('hex'),
  })),
  fc
    .boolean()
    .map((value) => ({ column: 'flag', value, readBack: 'flag::text', expected: same, want: String(value) })),
  fc.constant({ column: 's', value: null, readBack: 's', expected: same, want: null }),
);

describe('Data API parameters in a real PostgreSQL', () => {
  it('stores every value as the value it was, through the typed field the adapter made', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        // A comment and a constant full of placeholders' look-alikes travel to the database untouched.
        const text =
          `INSERT INTO t (${c.column}) /* $9 '$2' */ VALUES ($1${c.cast ?? ''}) ` +
          `RETURNING ${c.readBack} AS v, 'a $1 ''b'' $$' AS lit -- $3`;
        const { sql, params } = bindLikeTheDataApi(toDataApiStatement({ text, values: [c.value] }));
        const result = await db.query(sql, params);
        expect(result.error).toBeUndefined();
        const row = result.rows![0]!;
        expect([c.expected(row.v ?? null), row.lit]).toEqual([c.want, "a $1 'b' $$"]);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
