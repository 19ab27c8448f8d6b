import { type ErrorCode, EventfoldError, isEventfoldError } from '../../domain/errors';

/**
 * The Data API's failures as eventfold errors, each with the coordinates to act on: the cluster, the statement's
 * first line, the PostgreSQL SQLSTATE where the database answered.
 */

/** Failures that pass: a paused cluster resuming, throttling, timeouts, a lost transaction (retry the work). */
const PASSING = new Set([
  'DatabaseResumingException',
  'DatabaseUnavailableException',
  'ServiceUnavailableError',
  'InternalServerErrorException',
  'StatementTimeoutException',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionNotFoundException',
]);

/** Failures of the deployment, not of the call: access, the secret, the endpoint, the database name. */
const DEPLOYMENT = new Set([
  'AccessDeniedException',
  'ForbiddenException',
  'HttpEndpointNotEnabledException',
  'InvalidSecretException',
  'SecretsErrorException',
  'DatabaseNotFoundException',
  'InvalidResourceStateException',
  'NotFoundException',
  'UnsupportedResultException',
]);

/** SQLSTATEs of conflicts and aborts that a retry of the work can get past. */
const RETRYABLE_STATES = /^(40001|40P01|55P03|57P0[1-3]|08\w{3})$/;

/** The SQLSTATE the Data API puts in a database error's message (`...; SQLState: 23505`). */
export function sqlStateInMessage(message: string): string | undefined {
  return /SQLState:\s*([0-9A-Z]{5})/i.exec(message)?.[1]?.toUpperCase();
}

function codeOf(name: string, sqlState: string | undefined): ErrorCode {
  if (PASSING.has(name)) return 'TEMPORARILY_UNAVAILABLE';
  if (DEPLOYMENT.has(name)) return 'CONFIGURATION_INVALID';
  if (sqlState === '23505') return 'CONCURRENCY_CONFLICT';
  if (sqlState && RETRYABLE_STATES.test(sqlState)) return 'TEMPORARILY_UNAVAILABLE';
  // A statement the database refused (a syntax error, a missing table, a failed check): a fault of the deployed
  // read model, never of the request that led to it.
  return 'CONFIGURATION_INVALID';
}

/** Where a failed call was aimed. */
export interface DataApiCall {
  readonly resourceArn: string;
  readonly operation: string;
  readonly sql?: string;
}

/** An eventfold error for a failed Data API call; an eventfold error passes through unchanged. */
export function dataApiError(error: unknown, call: DataApiCall): EventfoldError {
  if (isEventfoldError(error)) return error;
  const name = (error as { name?: string } | undefined)?.name ?? 'Error';
  const message = (error as { message?: string } | undefined)?.message ?? String(error);
  const sqlState = sqlStateInMessage(message);
  return new EventfoldError(
    codeOf(name, sqlState),
    `RDS Data API ${call.operation} failed (${name}): ${message}`,
    {
      resourceArn: call.resourceArn,
      operation: call.operation,
      awsError: name,
      ...(sqlState ? { sqlState } : {}),
      ...(call.sql ? { statement: call.sql.split('\n')[0]!.slice(0, 200) } : {}),
    },
    { cause: error },
  );
}
