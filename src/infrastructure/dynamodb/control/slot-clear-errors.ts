import { EventfoldError, ErrorCodes } from '../../../domain/errors';
import { ConfigurationError } from '../../../domain/domain-errors';

/**
 * Clearing a standby table gave up: DynamoDB kept returning some deletes as unprocessed after every attempt, or
 * the table was still not empty after the allowed passes. Nothing was flipped; starting the rebuild again
 * resumes the clearing (what is already deleted stays deleted).
 */
export class SlotClearIncompleteError extends EventfoldError {
  constructor(
    readonly tableName: string,
    readonly left: number,
    readonly reason: string,
  ) {
    super(ErrorCodes.limitExceeded, `table ${tableName} not cleared: ${left} item(s) left (${reason})`, {
      tableName,
      left,
      reason,
    });
  }
}

/** The standby table to clear does not exist (the stack or the local provisioning creates both slots' tables). */
export class StandbyTableMissingError extends ConfigurationError {
  constructor(readonly tableName: string) {
    super(`read-model table ${tableName} does not exist; deploy or provision both tables of the projection`, {
      tableName,
    });
  }
}
