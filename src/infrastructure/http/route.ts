import type { JsonSchema } from './json-schema';
import type { ApiServices } from './api-ports';

/** A request after parsing: path parameters, query, and the body already validated against the route's schema. */
export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** What a route answers; the body is sent as JSON. */
export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A response of a route, as the OpenAPI description lists it. */
export interface ResponseDoc {
  readonly description: string;
  readonly schema?: JsonSchema;
}

/**
 * One route: method, path template (`/replays/{replayId}`), documentation, body schema and the handler. The
 * router, the validation and the OpenAPI description all read the same definition.
 */
export interface RouteDefinition {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tags: readonly string[];
  /** Schema of the JSON body; a route without one takes no body. */
  readonly body?: JsonSchema;
  /** Schemas of path parameters by name (strings). */
  readonly params?: Readonly<Record<string, Extract<JsonSchema, { type: 'string' }>>>;
  /** Success and error responses by status; every route also answers the common error statuses. */
  readonly responses: Readonly<Record<number, ResponseDoc>>;
  handle(request: ApiRequest, services: ApiServices): Promise<ApiResponse>;
}

/** Declares a route (keeps the literal types of method and path). */
export function defineRoute(route: RouteDefinition): RouteDefinition {
  return route;
}
