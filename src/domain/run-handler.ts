import type { Aggregate } from './aggregate';
import { type CommandClass, aggregateInfoOf } from './aggregate-metadata';
import { ConfigurationError, NotFoundError, RuleViolation } from './domain-errors';
import type { CommandContext } from './handle-command';

/** The refusal of a creating command whose aggregate already exists. */
export function alreadyExists(target: Aggregate): RuleViolation {
  const { type } = aggregateInfoOf(target);
  return new RuleViolation(`${type} ${target.id} already exists`, { streamId: target.streamId });
}

/**
 * Runs the target's handler for a command that `validateCommand` already returned (the command bus validates once
 * per dispatch, not once per attempt). A creating handler is refused on an existing aggregate, any other handler on
 * a missing one. Handlers are synchronous decisions. Not exported from the package: callers with unvalidated
 * commands use `handleCommand`.
 */
export function runHandler(target: Aggregate, command: object, context: CommandContext): void {
  const info = aggregateInfoOf(target);
  const handler = info.handlers.get(command.constructor as CommandClass);
  if (!handler) {
    throw new ConfigurationError(`${info.type} has no @CommandHandler for ${command.constructor.name}`);
  }
  if (handler.creates && target.version > 0) throw alreadyExists(target);
  if (!handler.creates && target.version === 0) throw new NotFoundError(info.type, target.id);
  const result: unknown = (target as unknown as Record<string, (c: object, ctx: CommandContext) => unknown>)[
    handler.method
  ]!(command, context);
  if (result instanceof Promise) {
    result.catch(() => undefined); // its own failure is reported as the configuration error below
    throw new ConfigurationError(
      `${info.type}.${handler.method} must decide synchronously, not return a promise`,
    );
  }
}
