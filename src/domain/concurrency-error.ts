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
