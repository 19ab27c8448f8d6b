import type { APIGatewayProxyEvent } from 'aws-lambda';
import { LimitExceededError } from '../../domain/domain-errors';
import { ValidationError } from '../../domain/validation-error';
import type { ApiLimits } from './api-ports';
import { guardJsonBody } from './body-guard';
import { validateSchema } from './json-schema';
import type { RouteDefinition } from './route';

function lowerCaseKeys(headers: APIGatewayProxyEvent['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {}))
    if (value !== undefined) out[key.toLowerCase()] = value;
  return out;
}

/** The raw body as text, after the size limit: API Gateway may hand it over base64-encoded. */
export function bodyText(event: APIGatewayProxyEvent, maxBytes: number): string | undefined {
  if (event.body === null || event.body === undefined || event.body === '') return undefined;
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (bytes.length > maxBytes) throw new LimitExceededError('request body bytes', maxBytes, bytes.length);
  return event.isBase64Encoded ? bytes.toString('utf8') : event.body;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ValidationError('request body', [
      { field: '(body)', reasons: [`is not valid JSON: ${(error as Error).message}`] },
    ]);
  }
}

/**
 * Reads the body of a request for a route: refuses a body over the size limit (413), malformed JSON, a body where
 * none is taken, a missing one where one is needed, a body over the shape limits (nesting, key length, reserved
 * keys, numbers: see `guardJsonBody`) and any field the route's schema refuses (400, each named).
 */
export function parseBody(route: RouteDefinition, event: APIGatewayProxyEvent, limits: ApiLimits): unknown {
  const text = bodyText(event, limits.maxBodyBytes);
  if (!route.body) {
    if (text !== undefined)
      throw new ValidationError('request body', [
        { field: '(body)', reasons: ['must be empty for this route'] },
      ]);
    return undefined;
  }
  if (text === undefined)
    throw new ValidationError('request body', [{ field: '(body)', reasons: ['is required (JSON)'] }]);
  const body = parseJson(text);
  guardJsonBody(body, limits);
  const violations = validateSchema(route.body, body);
  if (violations.length > 0) throw new ValidationError('request body', violations);
  return body;
}

/** Checks path parameters against the route's schemas. */
export function checkParams(route: RouteDefinition, params: Record<string, string>): void {
  const violations = Object.entries(route.params ?? {}).flatMap(([name, schema]) =>
    validateSchema(schema, params[name]).map((v) => ({ ...v, field: name })),
  );
  if (violations.length > 0) throw new ValidationError('path', violations);
}

/** Headers with lower-case names, and the query string as a plain record. */
export function headersAndQuery(event: APIGatewayProxyEvent): {
  headers: Record<string, string>;
  query: Record<string, string>;
} {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(event.queryStringParameters ?? {}))
    if (value !== undefined) query[key] = value;
  return { headers: lowerCaseKeys(event.headers), query };
}
