import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { ApiServices } from './api-ports';
import { errorResponse, type InternalErrorLog, methodNotAllowed, noRoute } from './errors';
import { openApiDocument } from './openapi';
import { checkParams, headersAndQuery, parseBody } from './request';
import type { ApiResponse, RouteDefinition } from './route';
import { Router } from './router';
import { apiRoutes } from './routes';

/** What the HTTP handler needs: the services, the routes (the standard ones by default) and a log. */
export interface HttpApiDeps {
  readonly services: ApiServices;
  readonly routes?: readonly RouteDefinition[];
  readonly log?: InternalErrorLog;
  /** Title and version in the OpenAPI description. */
  readonly apiInfo?: { readonly title: string; readonly version: string };
}

const routers = new WeakMap<readonly RouteDefinition[], Router>();

function routerFor(routes: readonly RouteDefinition[]): Router {
  const known = routers.get(routes);
  if (known) return known;
  const router = new Router(routes);
  routers.set(routes, router);
  return router;
}

function toResult(response: ApiResponse, requestId: string): APIGatewayProxyResult {
  return {
    statusCode: response.status,
    headers: { 'Content-Type': 'application/json', 'X-Request-Id': requestId, ...response.headers },
    body: JSON.stringify(response.body),
  };
}

async function route(
  event: APIGatewayProxyEvent,
  deps: HttpApiDeps,
  routes: readonly RouteDefinition[],
): Promise<ApiResponse> {
  const method = event.httpMethod.toUpperCase();
  if (method === 'GET' && event.path === '/openapi.json') {
    return {
      status: 200,
      body: openApiDocument(routes, deps.apiInfo ?? { title: 'eventfold', version: '1' }),
    };
  }
  const lookup = routerFor(routes).lookup(method, event.path);
  if (lookup.kind === 'none') return noRoute(method, event.path);
  if (lookup.kind === 'method') return methodNotAllowed(method, event.path, lookup.allowed);
  const { route: found, params } = lookup.match;
  checkParams(found, params);
  const body = parseBody(found, event, deps.services.limits);
  return found.handle({ method, path: event.path, params, body, ...headersAndQuery(event) }, deps.services);
}

/**
 * The HTTP API as a plain function over API Gateway proxy events: routes the request, validates it, runs the
 * use case and maps every error to a JSON response. Bad input gets a 4xx and stores nothing.
 * @example
 * export const handler = (event: APIGatewayProxyEvent) => handleHttpRequest(event, deps);
 */
export async function handleHttpRequest(
  event: APIGatewayProxyEvent,
  deps: HttpApiDeps,
): Promise<APIGatewayProxyResult> {
  const requestId = event.requestContext?.requestId ?? randomUUID();
  try {
    return toResult(await route(event, deps, deps.routes ?? apiRoutes), requestId);
  } catch (error) {
    return toResult(errorResponse(error, requestId, deps.log), requestId);
  }
}
