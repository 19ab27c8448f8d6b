import { ConfigurationError, TemporarilyUnavailableError } from '../../../domain/domain-errors';

/**
 * Clearing a standby table gave up: DynamoDB kept returning some deletes as unprocessed after every attempt, or
 * the table was still not empty after the allowed passes. Nothing was flipped; starting the rebuild again
 * resumes the clearing (what is already deleted stays deleted), hence `TEMPORARILY_UNAVAILABLE` (HTTP 503).
 */
export class SlotClearIncompleteError extends TemporarilyUnavailableError {
  constructor(
    readonly tableName: string,
    readonly left: number,
    readonly reason: string,
  ) {
    super(`table ${tableName} not cleared: ${left} item(s) left (${reason})`, {
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
