import type { RouteDefinition } from './route';
import { errorSchema } from './routes/common-schemas';

/** Statuses every route may answer besides its own. */
const commonErrors: Record<number, string> = {
  400: 'Malformed JSON, a missing or invalid field (each named in details.violations), or an unknown type',
  413: 'The body or the commit is over a size limit, or nests deeper or has longer keys than allowed',
};

function responsesOf(route: RouteDefinition): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [status, doc] of Object.entries({ ...commonErrors, ...route.responses })) {
    const description = typeof doc === 'string' ? doc : doc.description;
    const isError = Number(status) >= 400;
    const schema =
      typeof doc === 'string' ? errorSchema : (doc.schema ?? (isError ? errorSchema : undefined));
    out[status] = schema ? { description, content: { 'application/json': { schema } } } : { description };
  }
  return out;
}

function operationOf(route: RouteDefinition): Record<string, unknown> {
  const parameters = Object.entries(route.params ?? {}).map(([name, schema]) => ({
    name,
    in: 'path',
    required: true,
    schema,
  }));
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: route.tags,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: route.body } } } }
      : {}),
    responses: responsesOf(route),
  };
}

/**
 * The OpenAPI 3.1 description of the routes, built from the same definitions the router and the validation use.
 * @example
 * const doc = openApiDocument(apiRoutes, { title: 'orders', version: '1.0.0' });
 */
export function openApiDocument(
  routes: readonly RouteDefinition[],
  info: { title: string; version: string; serverUrl?: string },
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operationOf(route) };
  }
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    paths,
    components: { schemas: { Error: errorSchema } },
  };
}
