import type { Aggregate } from './aggregate';
import { type AggregateClass, type CommandClass, aggregateInfoOf } from './aggregate-metadata';
import { validateCommand } from './commands';
import { ConfigurationError } from './domain-errors';
import { runHandler } from './run-handler';
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

export { alreadyExists } from './run-handler';

/**
 * Validates a command and runs its handler on the target aggregate. A creating handler is refused on an
 * existing aggregate, any other handler on a missing one. Handlers are synchronous decisions.
 */
export function handleCommand(
  target: Aggregate,
  command: object,
  context: CommandContext = noRelatedAggregates,
): void {
  const handler = aggregateInfoOf(target).handlers.get(command.constructor as CommandClass);
  // A command no handler takes is a configuration error before it is validated.
  runHandler(
    target,
    handler ? validateCommand(command.constructor as CommandClass, command) : command,
    context,
  );
}
