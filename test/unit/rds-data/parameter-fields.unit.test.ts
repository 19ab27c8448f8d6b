import fc from 'fast-check';
import { hasErrorCode } from '../../../src/domain/errors';
import { toDataApiStatement } from '../../../src/infrastructure/rds-data';
import { type TypedField, fieldOf } from '../../../src/infrastructure/rds-data/parameter-fields';
import { dateOf } from '../../../src/infrastructure/rds-data/result-rows';

/**
 * Values to typed Data API fields, over whole classes: strings of any code points (quotes, backslashes, dollars),
 * nulls, numbers at the edges (±0, the safe-integer bounds and one past, the extremes of a double, NaN, the
 * infinities), bigints far past 64 bits, nested JSON, arrays (sent as PostgreSQL array text, as `pg` sends them),
 * byte arrays and dates across the years 1 to 9999. The SDK
 * sends parameters as JSON, so each field goes through JSON text as the SDK writes it and must still mean the value.
 */

const RUNS = Number(process.env.EVENTFOLD_SQL_TRANSLATION_RUNS ?? 400);

/** A field as the SDK puts it on the wire (bytes as base64) and the service reads it back. */
function overTheWire(field: TypedField): TypedField {
  const text = JSON.stringify(field, (_key, value: unknown) =>
    value instanceof Uint8Array ? { base64: Buffer.from(value).toString('base64') } : value,
  );
  return JSON.parse(text, (_key, value: any) =>
    value && typeof value.base64 === 'string' ? new Uint8Array(Buffer.from(value.base64, 'base64')) : value,
  ) as TypedField;
}

/** PostgreSQL's reading of array text: nested lists of element texts and nulls (a reference parser of the format). */
function parseArrayText(text: string): unknown[] {
  let i = 0;
  const quoted = () => {
    let out = '';
    for (i += 1; text[i] !== '"'; i += 1) {
      if (text[i] === '\\') i += 1;
      out += text[i];
    }
    i += 1;
    return out;
  };
  const bare = () => {
    const end = i + text.slice(i).search(/[,}]/);
    const word = text.slice(i, end);
    i = end;
    return word === 'NULL' ? null : word;
  };
  const list = (): unknown[] => {
    const out: unknown[] = [];
    i += 1;
    if (text[i] === '}') return ((i += 1), out);
    for (;;) {
      out.push(text[i] === '{' ? list() : text[i] === '"' ? quoted() : bare());
      i += 1;
      if (text[i - 1] === '}') return out;
    }
  };
  if (text[0] !== '{') throw new Error(`not array text: ${text}`);
  return list();
}

/** The text of each element of an array, as PostgreSQL should read it. */
function elementTexts(values: readonly unknown[]): unknown[] {
  return values.map((v) => {
    if (v === null || v === undefined) return null;
    if (Array.isArray(v)) return elementTexts(v);
    if (typeof v === 'object') return JSON.stringify(v);
    return Object.is(v, -0) ? '0' : String(v);
  });
}

/** What the database receives from a field: the value PostgreSQL binds, in JavaScript terms. */
function meaningOf({ value, typeHint }: TypedField): unknown {
  if (value.isNull) return null;
  if (value.stringValue === undefined) {
    return value.booleanValue ?? value.longValue ?? value.doubleValue ?? value.blobValue;
  }
  const text = value.stringValue;
  if (typeHint === 'DECIMAL') return /^-?\d+$/.test(text) ? BigInt(text) : Number(text);
  if (typeHint === 'TIMESTAMP') return dateOf(text);
  if (typeHint === 'JSON') return JSON.parse(text);
  return text.startsWith('{') ? parseArrayText(text) : text;
}

/** What a value should mean in the database. */
function expectedMeaning(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return elementTexts(value);
  if (typeof value === 'object' && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    return JSON.parse(JSON.stringify(value));
  }
  return value;
}

const edgeNumbers = fc.constantFrom(
  0,
  -0,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 1,
  Number.MIN_SAFE_INTEGER - 1,
  2 ** 63,
  -(2 ** 63),
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.EPSILON,
  NaN,
  Infinity,
  -Infinity,
);

const sqlValue = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.string({ unit: 'binary' }).filter((text) => !text.startsWith('{')),
  fc.string({ unit: fc.constantFrom("'", "''", '"', '\\', '$1', ':p1', '--', '/*', ';', 'é', '\n') }),
  edgeNumbers,
  fc.integer(),
  fc.double(),
  fc.bigInt({ min: -(2n ** 100n), max: 2n ** 100n }),
  fc.jsonValue({ maxDepth: 4 }),
  fc.array(
    fc.oneof(
      fc.string({ unit: fc.constantFrom('"', '\\', ',', '{', '}', ' ', 'NULL', 'a') }),
      fc.integer(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
    ),
  ),
  fc.uint8Array({ maxLength: 40 }),
  fc.date({
    min: new Date('0001-01-01T00:00:00.000Z'),
    max: new Date('9999-12-31T23:59:59.999Z'),
    noInvalidDate: true,
  }),
);

describe('fieldOf: statement values to typed Data API fields', () => {
  it('gives every value a field that keeps its meaning through the JSON the SDK sends', () => {
    fc.assert(
      fc.property(sqlValue, (value) => {
        expect(meaningOf(overTheWire(fieldOf(value, 1)))).toEqual(expectedMeaning(value));
      }),
      { numRuns: RUNS },
    );
  });

  it('types values so that PostgreSQL never has to guess: integers long, bigints and non-finite numbers DECIMAL', () => {
    fc.assert(
      fc.property(fc.oneof(edgeNumbers, fc.double(), fc.bigInt()), (value) => {
        const { value: field, typeHint } = fieldOf(value, 1);
        if (typeof value === 'bigint' || !Number.isFinite(value)) {
          expect(typeHint).toBe('DECIMAL');
        } else if (Number.isSafeInteger(value)) {
          expect(field).toEqual({ longValue: value });
        } else {
          expect(field).toEqual({ doubleValue: value });
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('sends dates as UTC TIMESTAMP text in the one form the Data API accepts', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59.999Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const field = fieldOf(date, 1);
          expect(field.typeHint).toBe('TIMESTAMP');
          expect(field.value.stringValue).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('refuses what no SQL type holds with a 400 naming the parameter, before anything is sent', () => {
    const unsendable = fc.oneof(
      fc.date({ min: new Date(-8.64e15), max: new Date('0000-12-31T23:59:59.999Z') }),
      fc.date({ min: new Date('+010000-01-01T00:00:00Z'), max: new Date(8.64e15) }),
      fc.constant(new Date(NaN)),
      fc.bigInt().map((big) => ({ nested: [{ big }] })),
      fc.constant(Symbol('s')),
      fc.constant(() => 1),
    );
    fc.assert(
      fc.property(unsendable, fc.integer({ min: 1, max: 30 }), (value, index) => {
        const values = Array.from({ length: index }, (_, i) => (i === index - 1 ? value : i));
        let thrown: unknown;
        try {
          toDataApiStatement({ text: `SELECT $${index}`, values });
        } catch (error) {
          thrown = error;
        }
        expect(hasErrorCode(thrown, 'VALIDATION_FAILED')).toBe(true);
        expect((thrown as { context: { field: string } }).context.field).toBe(`$${index}`);
      }),
      { numRuns: 100 },
    );
  });
});
