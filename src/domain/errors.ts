/** Stable error codes. Check errors by `code`, never by `instanceof` across package copies. */
export const ErrorCodes = {
  concurrency: 'CONCURRENCY_CONFLICT',
  duplicateEventId: 'DUPLICATE_EVENT_ID',
  validation: 'VALIDATION_FAILED',
  notFound: 'NOT_FOUND',
  ruleViolation: 'RULE_VIOLATION',
  limitExceeded: 'LIMIT_EXCEEDED',
  unknownType: 'UNKNOWN_TYPE',
  configuration: 'CONFIGURATION_INVALID',
  unavailable: 'TEMPORARILY_UNAVAILABLE',
  /** A read model's database refused an event's change (a constraint, a bad value): the event is parked. */
  readModelRejected: 'READ_MODEL_REJECTED',
} as const;

/** One of the stable error codes. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** The HTTP status each error code maps to, one each. */
export const httpStatusOf: Readonly<Record<ErrorCode, number>> = {
  CONCURRENCY_CONFLICT: 409,
  DUPLICATE_EVENT_ID: 409,
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  RULE_VIOLATION: 422,
  LIMIT_EXCEEDED: 413,
  UNKNOWN_TYPE: 400,
  CONFIGURATION_INVALID: 500,
  TEMPORARILY_UNAVAILABLE: 503,
  READ_MODEL_REJECTED: 422,
};

/**
 * Root of every eventfold error: a stable `code`, the HTTP status it maps to, and the context needed to act.
 * @example
 * if (isEventfoldError(err) && err.code === 'CONCURRENCY_CONFLICT') retry();
 */
export class EventfoldError extends Error {
  readonly httpStatus: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly context: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
    this.httpStatus = httpStatusOf[code];
  }

  /** A JSON body for an API response: code, message and context. */
  toJSON(): { code: ErrorCode; message: string; details: Readonly<Record<string, unknown>> } {
    return { code: this.code, message: this.message, details: this.context };
  }
}

/** True for any eventfold error, also one thrown by another copy of the package. */
export function isEventfoldError(error: unknown): error is EventfoldError {
  return (
    error instanceof Error &&
    typeof (error as Partial<EventfoldError>).code === 'string' &&
    typeof (error as Partial<EventfoldError>).httpStatus === 'number'
  );
}

/** True when `error` is an eventfold error with the given code. */
export function hasErrorCode(error: unknown, code: ErrorCode): boolean {
  return isEventfoldError(error) && error.code === code;
}
