import { ErrorCodes, EventfoldError } from './errors';

/** One invalid field: its path and every reason it is invalid. */
export interface FieldViolation {
  readonly field: string;
  readonly reasons: readonly string[];
}

/** Input was invalid; lists every invalid field and why. */
export class ValidationError extends EventfoldError {
  constructor(
    readonly subject: string,
    readonly violations: readonly FieldViolation[],
  ) {
    const summary = violations.map((v) => `${v.field}: ${v.reasons.join('; ')}`).join(' | ');
    super(ErrorCodes.validation, `invalid ${subject}: ${summary}`, { subject, violations });
  }
}
