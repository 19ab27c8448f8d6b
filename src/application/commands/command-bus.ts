import type { CommandClass } from '../../domain/aggregate-metadata';
import { validateCommand } from '../../domain/commands';
import { UnknownTypeError } from '../../domain/domain-errors';
import type { CommandRoute, DomainModel } from '../../domain/domain-model';
import type { Aggregate } from '../../domain/aggregate';
import { ErrorCodes, hasErrorCode, isEventfoldError } from '../../domain/errors';
import { alreadyExists, runHandler } from '../../domain/run-handler';
import { noServices, type Services } from '../../domain/services';
import type { EventMetadata, StoredEvent } from '../../domain/stored-event';
import type { AggregateRepository } from '../repository/aggregate-repository';
import { createsTarget, loadParticipants, type Participants, targetIdOf } from './participants';
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
  /**
   * An id the caller derives for this command (a process manager derives it from its input): the events get the
   * ids `<commandId>:<n>` and the commit the id `commandId`, so sending the command again is a duplicate append.
   */
  readonly commandId?: string;
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
    const creates = createsTarget(route);
    return retryOnConflict(async (attempts) => {
      const { target, all } = await this.decide(route, command, creates);
      const result = await this.repository
        .save(all, { metadata: options.metadata, commandId: options.commandId })
        .catch((error: unknown) => Promise.reject(creates ? existingTargetError(error, target) : error));
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

  /**
   * Runs the handler on the command's participants (the command was validated once, before the first attempt). A creating command's target is not read (its append at
   * version 0 refuses an existing stream); if its handler records nothing, that refusal never comes, so the
   * target is read after all and the handler runs again on what is stored. So it is when the handler refuses the
   * command on the fresh target, so that the refusal is the one the stored aggregate gives (`already exists` first).
   */
  private async decide(route: CommandRoute, command: object, creates: boolean): Promise<Participants> {
    if (creates) {
      const fresh = await loadParticipants(this.repository, route, command, this.services, {
        freshTarget: true,
      });
      if (decidedOnFresh(fresh, command)) return fresh;
    }
    const loaded = await loadParticipants(this.repository, route, command, this.services);
    runHandler(loaded.target, command, loaded.context);
    return loaded;
  }
}

/** Runs a creating handler on a fresh target: true when it recorded events; false when it recorded none or threw. */
function decidedOnFresh(fresh: Participants, command: object): boolean {
  try {
    runHandler(fresh.target, command, fresh.context);
  } catch {
    return false;
  }
  return fresh.target.pendingEvents.length > 0;
}

/**
 * A creating command's append found its target's stream already there: the same refusal as a creating handler
 * on a loaded aggregate that exists. Other errors (a conflict on another aggregate of the commit) stay as they are.
 */
function existingTargetError(error: unknown, target: Aggregate): unknown {
  const conflict =
    hasErrorCode(error, ErrorCodes.concurrency) && isEventfoldError(error) ? error.context : {};
  if (conflict.streamId !== target.streamId || conflict.expectedVersion !== 0) return error;
  return alreadyExists(target);
}
