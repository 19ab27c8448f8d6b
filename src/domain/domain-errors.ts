import { ErrorCodes, EventfoldError } from './errors';

/** The aggregate, stream, replay or document asked for does not exist. */
export class NotFoundError extends EventfoldError {
  constructor(
    readonly kind: string,
    readonly id: string,
  ) {
    super(ErrorCodes.notFound, `${kind} ${id} does not exist`, { kind, id });
  }
}

/**
 * A command was valid in shape but breaks a business rule.
 * @example
 * if (this.balance < cmd.amount) throw new RuleViolation('insufficient funds', { balance: this.balance });
 */
export class RuleViolation extends EventfoldError {
  constructor(rule: string, context: Readonly<Record<string, unknown>> = {}) {
    super(ErrorCodes.ruleViolation, rule, { rule, ...context });
  }
}

/** A size or count limit would be exceeded; names the limit, the maximum and what was asked. */
export class LimitExceededError extends EventfoldError {
  constructor(
    readonly limit: string,
    readonly max: number,
    readonly actual: number,
    context: Readonly<Record<string, unknown>> = {},
  ) {
    super(ErrorCodes.limitExceeded, `${limit}: ${actual} exceeds the limit of ${max}`, {
      limit,
      max,
      actual,
      ...context,
    });
  }
}

/** An event type, command or projection name that nothing is registered for. */
export class UnknownTypeError extends EventfoldError {
  constructor(
    readonly kind: string,
    readonly unknownName: string,
  ) {
    super(ErrorCodes.unknownType, `unknown ${kind}: ${unknownName}`, { kind, name: unknownName });
  }
}

/** The domain's registration is inconsistent; raised at startup, never at run time. */
export class ConfigurationError extends EventfoldError {
  constructor(message: string, context: Readonly<Record<string, unknown>> = {}) {
    super(ErrorCodes.configuration, message, context);
  }
}

/** Something the request needs is not ready or not reachable now; the same request may succeed later. */
export class TemporarilyUnavailableError extends EventfoldError {
  constructor(message: string, context: Readonly<Record<string, unknown>> = {}) {
    super(ErrorCodes.unavailable, message, context);
  }
}
