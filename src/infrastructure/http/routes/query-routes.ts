import { NotFoundError } from '../../../domain/domain-errors';
import { defineRoute } from '../route';
import { described, projectionParam } from './common-schemas';
import { knownProjection } from './known-projection';

const queryPageSchema = {
  type: 'object',
  properties: {
    rows: { type: 'array', items: { type: 'object' } },
    cursor: {
      type: 'string',
      description:
        'Present when more rows may follow: pass it as ?cursor= (with the same parameters) for the next page',
    },
  },
} as const;

/** GET /projections/{name}/queries/{query}: one page of a SQL projection's named query, by keyset. */
export const runQueryRoute = defineRoute({
  method: 'GET',
  path: '/projections/{name}/queries/{query}',
  operationId: 'runQuery',
  summary:
    "Run a SQL projection's named query: its parameters as `?field=value`, paged by `?limit=&cursor=` (keyset)",
  tags: ['projections'],
  params: { name: projectionParam, query: { type: 'string', minLength: 1, maxLength: 128 } },
  responses: {
    200: described('The page of rows and, when more may follow, the next cursor', queryPageSchema),
  },
  handle: async (request, services) => {
    const name = knownProjection(services, request.params.name!);
    const queryName = request.params.query!;
    const queries = services.sqlQueries;
    if (!queries) throw new NotFoundError(`query of ${name}`, queryName);
    const { cursor, limit, ...params } = request.query;
    const page = await queries.run(name, queryName, params, { cursor, limit });
    return { status: 200, body: page };
  },
});
