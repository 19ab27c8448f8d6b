import fc from 'fast-check';
import { isDeterministicSqlError, sqlStateOf } from '../../../src/projections/sql/sql-errors';
import { sql } from '../../../src/projections/sql/sql-template';

describe('the sql tagged template', () => {
  it('turns every interpolated value into a numbered parameter, never into text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.integer(), fc.jsonValue()), { maxLength: 8 }),
        (values) => {
          const parts = ['SELECT ', ...values.map(() => ', ')];
          const statement = sql(Object.assign([...parts], { raw: parts }) as TemplateStringsArray, ...values);
          expect(statement.text).toBe(parts.map((p, i) => (i === 0 ? p : `$${i}${p}`)).join(''));
          expect(statement.values).toEqual(values.map((v) => (v === undefined ? null : v)));
        },
      ),
    );
  });

  it('renumbers the parameters of nested fragments and joined lists', () => {
    const where = sql`city = ${'Utrecht'} AND day >= ${'2026-12-01'}`;
    const statement = sql`SELECT * FROM concerts WHERE id IN (${sql.join(['a', 'b'])}) AND ${where} LIMIT ${10}`;
    expect(statement.text).toBe(
      'SELECT * FROM concerts WHERE id IN ($1, $2) AND city = $3 AND day >= $4 LIMIT $5',
    );
    expect(statement.values).toEqual(['a', 'b', 'Utrecht', '2026-12-01', 10]);
  });

  it('splices only plain lower-case names as identifiers, quoted', () => {
    expect(sql`SELECT * FROM ${sql.ident('concert_days')}`.text).toBe('SELECT * FROM "concert_days"');
    fc.assert(
      fc.property(
        fc.string({ minLength: 0, maxLength: 70 }).filter((s) => !/^[a-z_][a-z0-9_]{0,62}$/.test(s)),
        (name) => {
          expect(() => sql.ident(name)).toThrow(expect.objectContaining({ code: 'CONFIGURATION_INVALID' }));
        },
      ),
    );
  });
});

describe('SQL errors', () => {
  it('reads the SQLSTATE from pg and PGlite errors (code) and Data API errors (context.sqlState)', () => {
    expect(sqlStateOf(Object.assign(new Error('x'), { code: '23514' }))).toBe('23514');
    expect(sqlStateOf({ code: 'CONFIGURATION_INVALID', context: { sqlState: '42P01' } })).toBe('42P01');
    expect(sqlStateOf(new Error('socket hang up'))).toBeUndefined();
  });

  it('treats data, constraint and syntax errors as poison, and connection, lock and serialization errors not', () => {
    for (const code of ['22012', '23505', '23514', '42P01', '42601', '22P02'])
      expect(isDeterministicSqlError({ code })).toBe(true);
    for (const code of ['08006', '40001', '40P01', '55P03', '57P01', '53300'])
      expect(isDeterministicSqlError({ code })).toBe(false);
  });
});
