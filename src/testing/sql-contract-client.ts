import type { SqlClient } from '../projections/sql/sql-client';
import { sqlStateOf } from '../projections/sql/sql-errors';
import { sql } from '../projections/sql/sql-template';
import { fastCheck } from './fast-check';
import type { TestRunnerGlobals } from './test-runner-globals';

/** A fresh schema name for one case, so that cases share a database without seeing each other. */
export type FreshName = (label: string) => string;

/** The cases of the `SqlClient` port: types, row counts, transactions, errors and parameters. */
export function sqlClientCases(t: TestRunnerGlobals, client: () => Promise<SqlClient>, fresh: FreshName) {
  const { it, expect } = t;

  it('gives back the same JavaScript values for the common column types', async () => {
    const { rows } = await (
      await client()
    ).query(
      sql`SELECT ${7}::integer AS i, ${'9000000000'}::bigint AS b, ${'3.50'}::numeric AS n, ${'x'}::text AS t,
        ${true}::boolean AS f, ${JSON.stringify({ a: [1, 'b'] })}::jsonb AS j, ${['a', 'b']}::text[] AS l,
        ${'2026-11-22T12:00:00.000Z'}::timestamptz AS at, count(*) AS c FROM (VALUES (1), (2)) AS v(x)`,
    );
    const row = rows[0] as Record<string, unknown>;
    expect({ ...row, at: (row.at as Date).toISOString() }).toEqual({
      i: 7,
      b: 9_000_000_000,
      n: '3.50',
      t: 'x',
      f: true,
      j: { a: [1, 'b'] },
      l: ['a', 'b'],
      at: '2026-11-22T12:00:00.000Z',
      c: 2,
    });
  });

  it('counts the rows a statement changed or returned', async () => {
    const db = await client();
    const s = sql.ident(fresh('counts'));
    await db.query(sql`CREATE SCHEMA ${s}`);
    await db.query(sql`CREATE TABLE ${s}.t (k integer PRIMARY KEY, v text)`);
    expect((await db.query(sql`INSERT INTO ${s}.t VALUES (1, 'a'), (2, 'b'), (3, 'c')`)).rowCount).toBe(3);
    expect((await db.query(sql`UPDATE ${s}.t SET v = 'z' WHERE k > 1`)).rowCount).toBe(2);
    expect((await db.query(sql`UPDATE ${s}.t SET v = 'z' WHERE k > 9`)).rowCount).toBe(0);
    expect((await db.query(sql`SELECT * FROM ${s}.t`)).rowCount).toBe(3);
  });

  it('rolls a transaction back when its work throws, also after a failed statement', async () => {
    const db = await client();
    const s = sql.ident(fresh('rollback'));
    await db.query(sql`CREATE SCHEMA ${s}`);
    await db.query(sql`CREATE TABLE ${s}.t (k integer PRIMARY KEY)`);
    const thrown = await db
      .transaction(async (tx) => {
        await tx.query(sql`INSERT INTO ${s}.t VALUES (1)`);
        await tx.query(sql`INSERT INTO ${s}.t VALUES (1)`);
      })
      .catch((error: unknown) => error);
    expect(sqlStateOf(thrown)).toBe('23505');
    await expect(
      db.transaction(async (tx) => {
        await tx.query(sql`INSERT INTO ${s}.t VALUES (2)`);
        throw new Error('work failed');
      }),
    ).rejects.toMatchObject({ message: 'work failed' });
    expect((await db.query(sql`SELECT * FROM ${s}.t`)).rows).toEqual([]);
    expect(await db.transaction((tx) => tx.query(sql`INSERT INTO ${s}.t VALUES (3)`))).toMatchObject({
      rowCount: 1,
    });
    expect((await db.query(sql`SELECT k FROM ${s}.t`)).rows).toEqual([{ k: 3 }]);
  });

  it('stores any text as a parameter, never as SQL (quotes, comments, $n, semicolons, unicode)', async () => {
    const fc = fastCheck();
    const db = await client();
    const s = sql.ident(fresh('params'));
    await db.query(sql`CREATE SCHEMA ${s}`);
    await db.query(sql`CREATE TABLE ${s}.t (k serial PRIMARY KEY, v text, j jsonb)`);
    const hostile = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom("'); DROP TABLE t; --", '$1', '"', '\\', "''", '/*', "E'\\x41'"),
      fc
        .array(fc.constantFrom("'", '"', ';', '--', '$2', '\\', 'é', '😀', ' ', 'x'), { maxLength: 20 })
        .map((a) => a.join('')),
    );
    await fc.assert(
      fc.asyncProperty(
        hostile.filter(noNul),
        fc.jsonValue().filter((j) => noNul(JSON.stringify(j))),
        async (v, j) => {
          const { rows } = await db.query<{ v: string; j: unknown }>(
            sql`INSERT INTO ${s}.t (v, j) VALUES (${v}, ${JSON.stringify(j)}::jsonb) RETURNING v, j`,
          );
          expect(rows[0]?.v).toBe(v);
          expect(rows[0]?.j).toEqual(normalJson(j));
        },
      ),
      { numRuns: Number(process.env.EVENTFOLD_SQL_PARAM_RUNS ?? 100) },
    );
  });
}

/** PostgreSQL text holds no NUL character (SQLSTATE 22021), whatever the driver. */
function noNul(text: string): boolean {
  return !text.includes('\u0000');
}

/** jsonb has no -0 (JSON.stringify already wrote it as 0): compare through the same text. */
function normalJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}
