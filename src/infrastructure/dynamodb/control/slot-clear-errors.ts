import { ConfigurationError, TemporarilyUnavailableError } from '../../../domain/domain-errors';

/**
 * Clearing a standby table stopped early: DynamoDB kept returning some deletes as unprocessed after every
 * attempt, the table was still not empty after the allowed passes, or the call's time budget ran out. Nothing was flipped; starting the rebuild again
 * resumes the clearing (what is already deleted stays deleted), hence `TEMPORARILY_UNAVAILABLE` (HTTP 503).
 */
export class SlotClearIncompleteError extends TemporarilyUnavailableError {
  constructor(
    readonly tableName: string,
    /** Items still in the table, when counted. */
    readonly left: number | undefined,
    readonly reason: string,
  ) {
    const counted = left === undefined ? '' : `: ${left} item(s) left`;
    super(`table ${tableName} not cleared yet${counted} (${reason})`, {
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
