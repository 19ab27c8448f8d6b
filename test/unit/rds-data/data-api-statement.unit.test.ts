import fc from 'fast-check';
import { hasErrorCode } from '../../../src/domain/errors';
import { toDataApiStatement } from '../../../src/infrastructure/rds-data';

/**
 * The `$1` → `:p1` translation, over whole classes of statements: placeholders between string constants (plain and
 * E'...'), quoted identifiers, dollar-quoted strings, line and nested block comments and identifiers holding `$`,
 * whose contents are drawn from an alphabet of quotes, dollars, digits, colons and backslashes. Each fragment knows
 * what it must become; only placeholders may change.
 */

const RUNS = Number(process.env.EVENTFOLD_SQL_TRANSLATION_RUNS ?? 400);

/** The characters that could fool a scanner: quotes of every kind, dollars, digits, colons, escapes, newlines. */
const tricky = fc.string({
  unit: fc.constantFrom(
    "'",
    '"',
    '$',
    '1',
    '9',
    ':',
    'p',
    '\\',
    '-',
    ' ',
    '\n',
    'a',
    'E',
    'é',
    '*',
    '/',
    ';',
  ),
  maxLength: 24,
});

interface Fragment {
  readonly text: string;
  readonly expected: string;
  readonly index?: number;
}

const same = (text: string): Fragment => ({ text, expected: text });

const placeholder = (maxIndex: number) =>
  fc
    .tuple(
      fc.integer({ min: 1, max: maxIndex }),
      fc.constantFrom(' $n ', '($n)', ' $n::jsonb ', ' $n,', '=$n '),
    )
    .map(([index, shape]) => ({
      text: shape.replace('n', String(index)),
      expected: shape.replace('$n', `:p${index}`),
      index,
    }));

const stringConstant = tricky.map((s) => same(` '${s.replace(/'/g, "''")}' `));
const escapeString = tricky.map((s) => same(` E'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}' `));
const quotedIdentifier = tricky.map((s) => same(` "${s.replace(/"/g, '""')}" `));
const lineComment = tricky.map((s) => same(` --${s.replace(/\n/g, ' ')}\n`));
const commentText = tricky.map((s) => s.replace(/[*/]/g, '.'));
const blockComment = fc
  .tuple(commentText, commentText, commentText)
  .map(([a, b, c]) => same(` /*${a}/*${b}*/${c}*/ `));
const dollarQuoted = fc
  .tuple(fc.constantFrom('', 'x', 'tag_1', 'é'), tricky)
  .filter(([tag, body]) => !`${body}$`.includes(`$${tag}$`))
  .map(([tag, body]) => same(` $${tag}$${body}$${tag}$ `));
const identifier = fc.stringMatching(/^[a-z_][a-z0-9_$]{0,8}$/).map((name) => same(` ${name} `));
const keyword = fc
  .constantFrom('SELECT', 'INSERT INTO t VALUES', '::text', ',', '=', '(', ')', '12', ':')
  .map(same);

const statement = (maxIndex: number) =>
  fc.array(
    fc.oneof(
      placeholder(maxIndex),
      stringConstant,
      escapeString,
      quotedIdentifier,
      lineComment,
      blockComment,
      dollarQuoted,
      identifier,
      keyword,
    ),
    { maxLength: 14 },
  );

describe('toDataApiStatement: $n placeholders to named :pN parameters', () => {
  it('rewrites exactly the placeholders and leaves constants, identifiers and comments byte for byte', () => {
    fc.assert(
      fc.property(statement(5), (fragments) => {
        const values = ['a', 'b', 'c', 'd', 'e'];
        const { sql, parameters } = toDataApiStatement({
          text: fragments.map((f) => f.text).join(''),
          values,
        });
        expect(sql).toBe(fragments.map((f) => f.expected).join(''));
        const referenced = [...new Set(fragments.flatMap((f) => (f.index ? [f.index] : [])))];
        expect(parameters.map((p) => p.name)).toEqual(referenced.map((i) => `p${i}`));
        expect(parameters.map((p) => p.value)).toEqual(
          referenced.map((i) => ({ stringValue: values[i - 1] })),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses a placeholder without a value (400 naming it) and sends nothing for it', () => {
    fc.assert(
      fc.property(statement(9), fc.integer({ min: 0, max: 8 }), (fragments, valueCount) => {
        const text = fragments.map((f) => f.text).join('');
        const highest = Math.max(0, ...fragments.map((f) => f.index ?? 0));
        const values = Array.from({ length: valueCount }, (_, i) => i);
        if (highest <= valueCount) return expect(() => toDataApiStatement({ text, values })).not.toThrow();
        let thrown: unknown;
        try {
          toDataApiStatement({ text, values });
        } catch (error) {
          thrown = error;
        }
        expect(hasErrorCode(thrown, 'VALIDATION_FAILED')).toBe(true);
        expect((thrown as { context: { field: string; limit: number } }).context.limit).toBe(valueCount);
      }),
      { numRuns: RUNS },
    );
  });

  it('sends a value referenced twice once, and no value that is not referenced', () => {
    const { sql, parameters } = toDataApiStatement({
      text: 'UPDATE t SET a = $2, b = $2 WHERE id = $3',
      values: ['unused', 7, 'x'],
    });
    expect(sql).toBe('UPDATE t SET a = :p2, b = :p2 WHERE id = :p3');
    expect(parameters).toEqual([
      { name: 'p2', value: { longValue: 7 } },
      { name: 'p3', value: { stringValue: 'x' } },
    ]);
  });
});
