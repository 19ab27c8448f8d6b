import { createHash } from 'node:crypto';
import { ConfigurationError } from '../../domain/domain-errors';
import { ValidationError } from '../../domain/validation-error';

type Tagged = ['s', string] | ['n', number] | ['b', boolean] | ['d', string] | ['i', string];

interface CursorBody {
  readonly q: string;
  readonly f: string;
  readonly k: Tagged[];
}

/** Longest cursor accepted, in characters: far above any real one, far below what could strain a decoder. */
export const MAX_CURSOR_LENGTH = 4096;

/** A short digest of what a cursor belongs to: the projection, the query and its validated parameters. */
export function queryFingerprint(projection: string, query: string, params: object): string {
  const text = JSON.stringify([
    projection,
    query,
    Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1)),
  ]);
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

function tag(value: unknown, column: string, query: string): Tagged {
  if (typeof value === 'string') return ['s', value];
  if (typeof value === 'number' && Number.isFinite(value)) return ['n', value];
  if (typeof value === 'boolean') return ['b', value];
  if (typeof value === 'bigint') return ['i', value.toString()];
  // A Date may come from another realm (a driver's worker), so not `instanceof`.
  if (Object.prototype.toString.call(value) === '[object Date]' && !Number.isNaN((value as Date).getTime()))
    return ['d', (value as Date).toISOString()];
  throw new ConfigurationError(
    `sort key column ${column} of query ${query} holds ${value === null ? 'NULL' : typeof value}: it must hold a non-null text, number, boolean or time`,
    { query, column },
  );
}

/** The cursor continuing after `row`: base64url JSON of the query's fingerprint and the row's sort key. */
export function cursorAfterRow(
  fingerprint: string,
  query: string,
  row: Record<string, unknown>,
  columns: readonly string[],
): string {
  const body: CursorBody = { q: query, f: fingerprint, k: columns.map((c) => tag(row[c], c, query)) };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

const invalid = (reason: string) => new ValidationError('query', [{ field: 'cursor', reasons: [reason] }]);

const ISO_TIME = /^\d{4}-\d\d-\d\dT[\d:.]+Z$/;

/** How each tag's value is checked and turned back into what the row held. */
const readers: Record<string, (v: unknown) => unknown> = {
  s: (v) => (typeof v === 'string' ? v : undefined),
  n: (v) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined),
  b: (v) => (typeof v === 'boolean' ? v : undefined),
  i: (v) => (typeof v === 'string' && /^-?\d{1,40}$/.test(v) ? BigInt(v) : undefined),
  d: (v) =>
    typeof v === 'string' && ISO_TIME.test(v) && !Number.isNaN(Date.parse(v)) ? new Date(v) : undefined,
};

function untag(entry: unknown): unknown {
  const [t, v] = Array.isArray(entry) && entry.length === 2 ? (entry as [unknown, unknown]) : [];
  const read =
    typeof t === 'string' && Object.prototype.hasOwnProperty.call(readers, t) ? readers[t] : undefined;
  const value = read?.(v);
  if (value === undefined) throw invalid('is not a cursor of this API');
  return value;
}

/**
 * The sort key a cursor continues after. A cursor this code did not make is a 400 naming `cursor`, and so is one
 * made for another query or other parameters (`fingerprint`).
 */
export function sortKeyOfCursor(
  cursor: string,
  query: string,
  fingerprint: string,
  columns: number,
): unknown[] {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor))
    throw invalid('is not a cursor of this API');
  let body: Partial<CursorBody>;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorBody>;
  } catch {
    throw invalid('is not a cursor of this API');
  }
  if (typeof body !== 'object' || body === null || !Array.isArray(body.k) || body.k.length !== columns)
    throw invalid('is not a cursor of this API');
  if (body.q !== query || body.f !== fingerprint)
    throw invalid('belongs to another query or to other parameters');
  return body.k.map(untag);
}
