import type { Aggregate } from './aggregate';
import { type AggregateClass, type CommandClass, aggregateInfoOf } from './aggregate-metadata';
import { validateCommand } from './commands';
import { ConfigurationError, NotFoundError, RuleViolation } from './domain-errors';
import { noServices, type Services } from './services';

/**
 * What a command handler may use besides the command: the other aggregates its command `@Loads`, and the app's
 * own services.
 * @example
 * @CommandHandler(PlaceOrder) place(cmd: PlaceOrder, ctx: CommandContext) {
 *   const total = ctx.services.get(PriceList).total(cmd.lines);
 * }
 */
export interface CommandContext {
  /** An aggregate loaded for this command; changes to it are committed with the target's, atomically. */
  related<A extends Aggregate>(aggregateClass: AggregateClass<A>, id: string): A;
  /** The app's services (its own bindings), resolved when asked for. */
  readonly services: Services;
}

/** A context for commands that load no other aggregate and use no service. */
export const noRelatedAggregates: CommandContext = {
  services: noServices,
  related(aggregateClass, id) {
    throw new ConfigurationError(
      `no related aggregate ${aggregateClass.name} ${id} was loaded for this command`,
    );
  },
};

/** The refusal of a creating command whose aggregate already exists. */
export function alreadyExists(target: Aggregate): RuleViolation {
  const { type } = aggregateInfoOf(target);
  return new RuleViolation(`${type} ${target.id} already exists`, { streamId: target.streamId });
}

/**
 * Validates a command and runs its handler on the target aggregate. A creating handler is refused on an
 * existing aggregate, any other handler on a missing one. Handlers are synchronous decisions.
 */
export function handleCommand(
  target: Aggregate,
  command: object,
  context: CommandContext = noRelatedAggregates,
): void {
  const info = aggregateInfoOf(target);
  const handler = info.handlers.get(command.constructor as CommandClass);
  if (!handler) {
    throw new ConfigurationError(`${info.type} has no @CommandHandler for ${command.constructor.name}`);
  }
  const valid = validateCommand(command.constructor as CommandClass, command);
  if (handler.creates && target.version > 0) throw alreadyExists(target);
  if (!handler.creates && target.version === 0) throw new NotFoundError(info.type, target.id);
  const result: unknown = (target as unknown as Record<string, (c: object, ctx: CommandContext) => unknown>)[
    handler.method
  ]!(valid, context);
  if (result instanceof Promise) {
    result.catch(() => undefined); // its own failure is reported as the configuration error below
    throw new ConfigurationError(
      `${info.type}.${handler.method} must decide synchronously, not return a promise`,
    );
  }
}
