import { RuleViolation } from '../../domain/domain-errors';

/** A rebuild or rollback cannot run now: another rebuild runs, the pointer moved, or nothing to roll back to. */
export class RebuildConflictError extends RuleViolation {
  constructor(projection: string, reason: string, context: Readonly<Record<string, unknown>> = {}) {
    super(`projection ${projection}: ${reason}`, { projection, reason, ...context });
  }
}
