import { ErrorCodes, EventfoldError } from '../../domain/errors';

/**
 * SQLSTATE classes of errors that the same statement with the same values gets every time: data exceptions
 * (22), integrity constraint violations (23), syntax errors or undefined objects (42), and the like. An event
 * whose statements fail so is poison; any other error (a lost connection, a serialization failure) is retried.
 */
const DETERMINISTIC = new Set(['21', '22', '23', '27', '2B', '42', '44']);

/**
 * The SQLSTATE of a driver's error, if it has one: `code` on pg and PGlite errors, `context.sqlState` on the
 * EventfoldErrors of the Data API adapter.
 */
export function sqlStateOf(error: unknown): string | undefined {
  const found = error as { code?: unknown; context?: { sqlState?: unknown } } | undefined;
  for (const state of [found?.code, found?.context?.sqlState]) {
    if (typeof state === 'string' && /^[0-9A-Z]{5}$/.test(state)) return state;
  }
  return undefined;
}

/** True when the database refuses the statement for what it says, so that retrying cannot help. */
export function isDeterministicSqlError(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state !== undefined && DETERMINISTIC.has(state.slice(0, 2));
}

/**
 * The database refused the statements of an event's change (a constraint, a bad value, a missing table): the
 * event is parked as poison, with its coordinates, and later events of its stream wait behind it.
 */
export class SqlChangeRejectedError extends EventfoldError {
  constructor(
    where: { projection: string; slot: string; streamId: string; version: number },
    statement: number,
    cause: unknown,
  ) {
    const state = sqlStateOf(cause);
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      ErrorCodes.readModelRejected,
      `${where.projection} (${where.slot}) refused statement ${statement} of ${where.streamId} v${where.version}: ${reason} [SQLSTATE ${state}]`,
      { ...where, statement, sqlState: state },
      { cause },
    );
  }
}
