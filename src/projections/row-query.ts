import { ValidationError } from '../domain/validation-error';
import type { Row } from './row-changes';

/** A page request over the rows of a row projection: rows whose key starts with `prefix`, at most `limit`. */
export interface RowQuery {
  /** Only rows whose key starts with this; every row when absent or empty. */
  readonly prefix?: string;
  readonly limit: number;
  /** The cursor of the previous page; the first page when absent. */
  readonly cursor?: string;
}

/** A row with its key. */
export interface KeyedRow<R extends object = Row> {
  readonly key: string;
  readonly row: R;
}

/** One page of rows; `cursor` is set when more rows may follow (pass it to get the next page). */
export interface RowPage<R extends object = Row> {
  readonly rows: readonly KeyedRow<R>[];
  readonly cursor?: string;
}

/** The most rows one page may hold. */
export const MAX_ROW_PAGE = 1000;

/** Makes the cursor that continues after the row with this key: opaque to callers (base64url of the key). */
export function cursorAfter(key: string): string {
  return Buffer.from(JSON.stringify({ after: key }), 'utf8').toString('base64url');
}

/** The longest row key: a row's key is its item's partition key, which DynamoDB holds to 2,048 bytes. */
export const MAX_ROW_KEY_BYTES = 2048;

/** True for a string that can be a row's key: 1 to 2,048 bytes (UTF-8). */
export function isRowKey(key: unknown): key is string {
  return typeof key === 'string' && key !== '' && Buffer.byteLength(key, 'utf8') <= MAX_ROW_KEY_BYTES;
}

/** The key a cursor continues after; a cursor this code did not make, or no row could have, is a 400. */
export function keyOfCursor(cursor: string): string {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (isRowKey(decoded.after) && cursorAfter(decoded.after) === cursor) return decoded.after;
  } catch {
    // reported below
  }
  throw new ValidationError('query', [{ field: 'cursor', reasons: ['is not a cursor of this API'] }]);
}

/**
 * One page over rows already in memory, in key order: the in-memory stores' reading of a `RowQuery`.
 * @example
 * const page = pageOfRows(table.rows, { prefix: 'member#', limit: 50 });
 */
export function pageOfRows<R extends object>(rows: ReadonlyMap<string, R>, query: RowQuery): RowPage<R> {
  const prefix = query.prefix ?? '';
  const after = query.cursor === undefined ? undefined : keyOfCursor(query.cursor);
  const keys = [...rows.keys()]
    .filter((key) => key.startsWith(prefix) && (after === undefined || key > after))
    .sort();
  const taken = keys.slice(0, query.limit);
  const page = taken.map((key) => ({ key, row: rows.get(key)! }));
  const last = taken[taken.length - 1];
  return keys.length > query.limit && last !== undefined
    ? { rows: page, cursor: cursorAfter(last) }
    : { rows: page };
}
