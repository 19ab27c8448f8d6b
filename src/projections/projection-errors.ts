import { EventfoldError, ErrorCodes } from '../domain/errors';

/** The store did not return the versions missing before a delivered event; the delivery is retried later. */
export class GapNotFilledError extends EventfoldError {
  constructor(
    readonly streamId: string,
    readonly appliedVersion: number,
    readonly deliveredVersion: number,
  ) {
    super(
      ErrorCodes.notFound,
      `${streamId}: versions ${appliedVersion + 1}..${deliveredVersion - 1} are missing from the store`,
      { streamId, appliedVersion, deliveredVersion },
    );
  }
}
