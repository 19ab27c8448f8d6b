import { isEventfoldError } from '../../domain/errors';
import type { ApiResponse } from './route';

/** Something went wrong that is not the caller's fault; the details stay in the log. */
export interface InternalErrorLog {
  error(message: string, extra: Record<string, unknown>): void;
}

/**
 * Maps an error to a response: an eventfold error to its own status with `{ code, message, details }`; anything
 * else to 500 with a request id and no internals (logged in full).
 */
export function errorResponse(error: unknown, requestId: string, log?: InternalErrorLog): ApiResponse {
  if (isEventfoldError(error) && error.httpStatus < 500) {
    return { status: error.httpStatus, body: error.toJSON() };
  }
  log?.error('request failed', {
    requestId,
    error:
      error instanceof Error
        ? { name: error.name, message: error.message, stack: error.stack }
        : String(error),
  });
  return {
    status: 500,
    body: { code: 'INTERNAL', message: 'internal error; see the logs', details: { requestId } },
  };
}

/** 404 for a path no route has. */
export function noRoute(method: string, path: string): ApiResponse {
  return {
    status: 404,
    body: { code: 'NOT_FOUND', message: `no route ${method} ${path}`, details: { method, path } },
  };
}

/** 405 for a path that exists with other methods. */
export function methodNotAllowed(method: string, path: string, allowed: readonly string[]): ApiResponse {
  return {
    status: 405,
    body: {
      code: 'METHOD_NOT_ALLOWED',
      message: `${method} is not allowed on ${path}`,
      details: { allowed },
    },
    headers: { Allow: allowed.join(', ') },
  };
}
