import { ErrorCodes, EventfoldError } from './errors';

/** Another writer got to the stream first: the stream is not at the version the writer expected. */
export class ConcurrencyError extends EventfoldError {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | undefined,
    options?: { cause?: unknown },
  ) {
    const actual = actualVersion === undefined ? 'unknown' : String(actualVersion);
    super(
      ErrorCodes.concurrency,
      `stream ${streamId} is at version ${actual}, the writer expected ${expectedVersion}`,
      { streamId, expectedVersion, actualVersion },
      options,
    );
  }
}

/**
 * An event id of the commit is already stored in the stream, and the commit is not a resend of the events stored
 * under those ids (other ids beside them, another order, or only part of them within reach). Nothing was stored.
 * @example
 * if (hasErrorCode(err, 'DUPLICATE_EVENT_ID')) console.warn(`already stored at ${err.context.version}`);
 */
export class DuplicateEventIdError extends EventfoldError {
  constructor(
    readonly streamId: string,
    readonly eventId: string,
    readonly version: number,
  ) {
    super(
      ErrorCodes.duplicateEventId,
      `event id ${eventId} is already stored in stream ${streamId} at version ${version}; nothing was stored`,
      { streamId, eventId, version },
    );
  }
}
