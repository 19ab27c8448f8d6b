import type { CommandClass } from '../../domain/aggregate-metadata';
import { validateCommand } from '../../domain/commands';
import { UnknownTypeError } from '../../domain/domain-errors';
import type { CommandRoute, DomainModel } from '../../domain/domain-model';
import { handleCommand } from '../../domain/handle-command';
import { noServices, type Services } from '../../domain/services';
import type { EventMetadata, StoredEvent } from '../../domain/stored-event';
import type { AggregateRepository } from '../repository/aggregate-repository';
import { loadParticipants, targetIdOf } from './participants';
import { type ConflictRetryPolicy, defaultConflictRetryPolicy, retryOnConflict } from './retry-on-conflict';

/**
 * Options of a command bus: the retry policy on concurrency conflicts (5 retries with jittered backoff by default),
 * and the app's services its command handlers may ask for (`ctx.services.get(PriceList)`).
 */
export interface CommandBusOptions {
  readonly retry?: Partial<ConflictRetryPolicy>;
  readonly services?: Services;
}

/** Options of one command: the metadata every event it records carries. */
export interface ExecuteOptions {
  readonly metadata?: EventMetadata;
}

/** What executing a command did. */
export interface CommandOutcome {
  readonly command: string;
  readonly streamId: string;
  /** The target aggregate's version after the command. */
  readonly version: number;
  /** The stored events of every aggregate the command touched; empty when it decided nothing. */
  readonly events: readonly StoredEvent[];
  readonly commitId?: string;
  /** Attempts it took (more than 1 after concurrency conflicts). */
  readonly attempts: number;
}

/**
 * Runs commands: validates the input, loads the target and the aggregates named by `@Loads` fields, runs the
 * handler, and commits the events of ALL touched aggregates in one atomic commit. On a `ConcurrencyError` it
 * re-loads and runs the command again, a bounded number of times with jittered backoff, then rethrows the last
 * `ConcurrencyError`.
 * @example
 * const bus = new CommandBus(model, repository);
 * await bus.dispatch('Pay', { accountId: 'a', payeeAccountId: 'b', paymentId: 'p1', amount: 500 }, { metadata: { actor: 'alice' } });
 */
export class CommandBus {
  private readonly policy: ConflictRetryPolicy;
  private readonly services: Services;
  private readonly routesByClass = new Map<CommandClass, CommandRoute>();

  constructor(
    private readonly model: DomainModel,
    private readonly repository: AggregateRepository,
    options: CommandBusOptions = {},
  ) {
    this.policy = { ...defaultConflictRetryPolicy, ...options.retry };
    this.services = options.services ?? noServices;
    for (const name of model.commandNames()) {
      const route = model.command(name);
      this.routesByClass.set(route.commandClass, route);
    }
  }

  /** Runs a command given by its registered name and plain input (for example a JSON body). */
  async dispatch(name: string, input: unknown, options: ExecuteOptions = {}): Promise<CommandOutcome> {
    const route = this.model.command(name);
    return this.run(route, validateCommand(route.commandClass, input), options);
  }

  /** Runs a command instance of a registered command class. */
  async execute(command: object, options: ExecuteOptions = {}): Promise<CommandOutcome> {
    const route = this.routesByClass.get(command.constructor as CommandClass);
    if (!route) throw new UnknownTypeError('command class', command.constructor.name);
    return this.run(route, validateCommand(route.commandClass, command), options);
  }

  private run(route: CommandRoute, command: object, options: ExecuteOptions): Promise<CommandOutcome> {
    targetIdOf(route, command);
    return retryOnConflict(async (attempts) => {
      const { target, all, context } = await loadParticipants(this.repository, route, command, this.services);
      handleCommand(target, command, context);
      const result = await this.repository.save(all, { metadata: options.metadata });
      return {
        command: route.info.name,
        streamId: target.streamId,
        version: target.version,
        events: result?.events ?? [],
        commitId: result?.commitId,
        attempts,
      };
    }, this.policy);
  }
}
