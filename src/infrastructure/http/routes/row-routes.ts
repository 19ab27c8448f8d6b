import { NotFoundError } from '../../../domain/domain-errors';
import { ValidationError } from '../../../domain/validation-error';
import { isRowKey, MAX_ROW_KEY_BYTES, MAX_ROW_PAGE } from '../../../projections/row-query';
import { defineRoute } from '../route';
import { described, projectionParam } from './common-schemas';
import { knownProjection } from './known-projection';

const DEFAULT_ROW_PAGE = 100;

function pageLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_ROW_PAGE;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_ROW_PAGE)
    throw new ValidationError('query', [
      { field: 'limit', reasons: [`must be a whole number 1-${MAX_ROW_PAGE}`] },
    ]);
  return n;
}

/** A row key or key prefix from the request; longer than any row key can be is a 400 naming the field. */
function rowKeyText(value: string, field: string, where: 'path' | 'query'): string {
  if (value !== '' && !isRowKey(value))
    throw new ValidationError(where, [
      { field, reasons: [`must be at most ${MAX_ROW_KEY_BYTES} bytes (UTF-8), the longest row key`] },
    ]);
  return value;
}

const rowPageSchema = {
  type: 'object',
  properties: {
    rows: {
      type: 'array',
      items: { type: 'object', properties: { key: { type: 'string' }, row: { type: 'object' } } },
    },
    cursor: {
      type: 'string',
      description: 'Present when more rows may follow: pass it as ?cursor= for the next page',
    },
  },
} as const;

/** GET /projections/{name}/rows: a page of a row projection's rows from the active table, by key prefix. */
export const listRowsRoute = defineRoute({
  method: 'GET',
  path: '/projections/{name}/rows',
  operationId: 'listRows',
  summary: "Read a page of a row projection's rows (`?prefix=&limit=&cursor=`) from the active table",
  tags: ['projections'],
  params: { name: projectionParam },
  responses: { 200: described('The rows and, when more may follow, the next cursor', rowPageSchema) },
  handle: async (request, services) => {
    const name = knownProjection(services, request.params.name!);
    const { cursor } = request.query;
    const prefix =
      request.query.prefix === undefined ? undefined : rowKeyText(request.query.prefix, 'prefix', 'query');
    const limit = pageLimit(request.query.limit);
    const page = await services.documents.rows(name, { prefix, cursor, limit });
    return { status: 200, body: page };
  },
});

/** GET /projections/{name}/rows/{key}: one row of a row projection from the active table. */
export const readRowRoute = defineRoute({
  method: 'GET',
  path: '/projections/{name}/rows/{key}',
  operationId: 'getRow',
  summary: 'Read one row of a row projection by key from the active table',
  tags: ['projections'],
  params: { name: projectionParam, key: { type: 'string', minLength: 1, maxLength: 1024 } },
  responses: { 200: described('The row', { type: 'object' }), 404: described('No row with this key') },
  handle: async (request, services) => {
    const name = knownProjection(services, request.params.name!);
    const key = rowKeyText(request.params.key!, 'key', 'path');
    const row = await services.documents.row(name, key);
    if (!row) throw new NotFoundError(`row of ${name} with key`, key);
    return { status: 200, body: row };
  },
});
