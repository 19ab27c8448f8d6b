import { NotFoundError } from '../../domain/domain-errors';
import { ValidationError } from '../../domain/validation-error';
import type { ReadModelTarget } from '../read-model-store';
import { cursorAfterRow, queryFingerprint, sortKeyOfCursor } from './sql-cursor';
import { sqlStateOf } from './sql-errors';
import { DEFAULT_QUERY_PAGE, type SqlQuery, type SqlQueryPage, type SqlSortKey } from './sql-query';
import { validateQueryParams } from './sql-query-params';
import type { SqlReadModelReader } from './sql-read-model-reader';
import { type SqlFragment, sql } from './sql-template';

/** Where a page starts and how many rows it holds. */
export interface SqlPageRequest {
  readonly cursor?: string;
  /** A whole number from 1 to the query's `maxPageSize`; text (from a query string) is read as a number. */
  readonly limit?: number | string;
}

/** The SQL projections' named queries, by projection name. */
export type SqlQueryCatalog = ReadonlyMap<string, Readonly<Record<string, SqlQuery<any>>>>;

function pageLimit(value: number | string | undefined, max: number): number {
  if (value === undefined) return Math.min(DEFAULT_QUERY_PAGE, max);
  const n = typeof value === 'number' ? value : /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new ValidationError('query', [{ field: 'limit', reasons: [`must be a whole number 1-${max}`] }]);
  return n;
}

/** `(k1 > v1) OR (k1 = v1 AND k2 > v2) ...`: the rows after a sort key, each column in its direction. */
function after(keys: readonly SqlSortKey[], values: readonly unknown[]): SqlFragment {
  const col = (k: SqlSortKey) => sql`page.${sql.ident(k.column)}`;
  const branches = keys.map((key, i) => {
    const equal = keys.slice(0, i).map((k, j) => sql`${col(k)} = ${values[j]}`);
    const beyond = key.descending ? sql`${col(key)} < ${values[i]}` : sql`${col(key)} > ${values[i]}`;
    return sql`(${sql.join([...equal, beyond], ' AND ')})`;
  });
  return sql`(${sql.join(branches, ' OR ')})`;
}

function order(keys: readonly SqlSortKey[]): SqlFragment {
  return sql.join(
    keys.map((k) =>
      k.descending ? sql`page.${sql.ident(k.column)} DESC` : sql`page.${sql.ident(k.column)}`,
    ),
  );
}

/** Rows as JSON can carry them: an int8 beyond 2^53 (a bigint) as its exact text. */
function jsonSafe(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'bigint' ? v.toString() : v;
  return out;
}

/**
 * Runs the named queries of SQL projections on their active tables: parameters validated, the statement
 * parameterised, one page by keyset after the cursor. Bad parameters, limits or cursors are 400s naming the field;
 * an unknown query is a 404.
 */
export class SqlQueryRunner {
  constructor(
    private readonly catalog: SqlQueryCatalog,
    private readonly reader: Pick<SqlReadModelReader, 'query'>,
    private readonly activeTarget: (projection: string) => Promise<ReadModelTarget>,
  ) {}

  /** The names of a projection's queries (none for an unknown or non-SQL projection). */
  queries(projection: string): string[] {
    return Object.keys(this.catalog.get(projection) ?? {});
  }

  /** One page of `query` of `projection` with these parameters. */
  async run(
    projection: string,
    queryName: string,
    input: Record<string, unknown>,
    page: SqlPageRequest = {},
  ): Promise<SqlQueryPage> {
    const queries = this.catalog.get(projection);
    const query =
      queries && Object.prototype.hasOwnProperty.call(queries, queryName) ? queries[queryName] : undefined;
    if (!query) throw new NotFoundError(`query of ${projection}`, queryName);
    const params = validateQueryParams(queryName, query.params, input);
    const limit = pageLimit(page.limit, query.maxPageSize ?? DEFAULT_QUERY_PAGE);
    const fingerprint = queryFingerprint(projection, queryName, params);
    const keys = query.sortKeys;
    const from =
      page.cursor === undefined
        ? undefined
        : sortKeyOfCursor(page.cursor, queryName, fingerprint, keys.length);
    const where = from ? sql`WHERE ${after(keys, from)}` : sql``;
    const statement = sql`SELECT * FROM (${query.select(params)}) AS page ${where} ORDER BY ${order(keys)} LIMIT ${limit + 1}`;
    const rows = await this.read(projection, statement, page.cursor !== undefined);
    const more = rows.length > limit;
    const shown = rows.slice(0, limit);
    const last = shown[shown.length - 1];
    const columns = keys.map((k) => k.column);
    const cursor = more && last ? cursorAfterRow(fingerprint, queryName, last, columns) : undefined;
    return { rows: shown.map(jsonSafe), ...(cursor ? { cursor } : {}) };
  }

  /** Runs the page; a value the database cannot take (data exception, or a cursor's value of the wrong type) is a 400. */
  private async read(projection: string, statement: SqlFragment, withCursor: boolean) {
    try {
      return (await this.reader.query(await this.activeTarget(projection), statement)).rows;
    } catch (error) {
      const state = sqlStateOf(error) ?? '';
      const field = withCursor ? 'cursor' : '(parameters)';
      if (state.startsWith('22') || (withCursor && state.startsWith('42')))
        throw new ValidationError('query', [
          { field, reasons: [`is a value the read model cannot compare (SQLSTATE ${state})`] },
        ]);
      throw error;
    }
  }
}
