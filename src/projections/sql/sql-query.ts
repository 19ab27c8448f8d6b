import { ConfigurationError } from '../../domain/domain-errors';
import type { SqlFragment } from './sql-template';
import { sql } from './sql-template';

/** One column of a query's keyset: the rows are ordered by it, ascending unless `descending`. */
export interface SqlSortKey {
  readonly column: string;
  readonly descending?: boolean;
}

/** Most rows one page of a named query may hold unless the query says otherwise. */
export const DEFAULT_MAX_QUERY_PAGE = 500;
/** Rows in a page when the caller gives no `limit`. */
export const DEFAULT_QUERY_PAGE = 50;
/** Names the paging takes from a request: a query's parameters cannot use them. */
export const RESERVED_QUERY_FIELDS = ['cursor', 'limit'] as const;

/**
 * A named query of a SQL projection. `select` builds a parameterised statement from validated parameters; the
 * framework pages it by keyset: it wraps the statement, keeps the rows after the cursor's sort key, orders them by
 * `orderBy` and takes one page (never OFFSET). The sort key's columns must be returned by `select`, never NULL,
 * and unique together (end with the primary key).
 */
export interface SqlQueryDefinition<P extends object = object> {
  /** A class with class-validator decorators, like a command's; query-string values of numeric or boolean fields are converted first. */
  readonly params?: new () => P;
  readonly orderBy: readonly (string | SqlSortKey)[];
  readonly select: (params: P) => SqlFragment;
  /** Most rows a page may hold (default 500). */
  readonly maxPageSize?: number;
}

/** A query definition with its sort key checked. */
export interface SqlQuery<P extends object = object> extends SqlQueryDefinition<P> {
  readonly sortKeys: readonly SqlSortKey[];
}

/**
 * Declares a named query of a SQL projection (list them in its `queries` map).
 * @example
 * readonly queries = {
 *   byCustomer: sqlQuery({
 *     params: ByCustomer, // class ByCustomer { @IsString() @MaxLength(64) customerId!: string }
 *     orderBy: [{ column: 'item_count', descending: true }, 'order_id'],
 *     select: (p) => sql`SELECT order_id, item_count FROM orders WHERE customer_id = ${p.customerId}`,
 *   }),
 * };
 */
export function sqlQuery<P extends object>(definition: SqlQueryDefinition<P>): SqlQuery<P> {
  const sortKeys = definition.orderBy.map((k) => (typeof k === 'string' ? { column: k } : k));
  if (sortKeys.length === 0) throw new ConfigurationError('a SQL query needs at least one sort key', {});
  for (const key of sortKeys) sql.ident(key.column);
  const max = definition.maxPageSize ?? DEFAULT_MAX_QUERY_PAGE;
  if (!Number.isInteger(max) || max < 1) {
    throw new ConfigurationError(`maxPageSize must be a whole number above 0`, { maxPageSize: max });
  }
  return { ...definition, sortKeys, maxPageSize: max };
}

/** The parameters type of a query. */
export type SqlQueryParams<Q> = Q extends SqlQuery<infer P> ? P : never;

/** One page of a named query's rows; `cursor` is set when more rows may follow. */
export interface SqlQueryPage<Row = Record<string, unknown>> {
  readonly rows: Row[];
  readonly cursor?: string;
}
