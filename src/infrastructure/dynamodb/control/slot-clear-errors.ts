import {
  ConfigurationError,
  RuleViolation,
  TemporarilyUnavailableError,
} from '../../../domain/domain-errors';

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

/**
 * The slot to clear is one the projection's pointer names (active, previous, or a running rebuild's standby):
 * readers, a rollback or a rebuild rely on it, so nothing of it is deleted (`RULE_VIOLATION`, HTTP 422).
 */
export class SlotInUseError extends RuleViolation {
  constructor(
    readonly tableName: string,
    readonly projection: string,
    readonly slot: string,
    readonly role: 'active' | 'previous' | 'rebuilding',
  ) {
    super(`table ${tableName} is the ${role} slot of projection ${projection}; it is not cleared`, {
      tableName,
      projection,
      slot,
      role,
    });
  }
}
