import type { Aggregate } from '../../domain/aggregate';
import { type AggregateClass, aggregateInfoOf } from '../../domain/aggregate-metadata';
import { ConfigurationError } from '../../domain/domain-errors';
import type { CommandRoute } from '../../domain/domain-model';
import type { CommandContext } from '../../domain/handle-command';
import { noServices, type Services } from '../../domain/services';
import { streamIdOf } from '../../domain/stored-event';
import { ValidationError } from '../../domain/validation-error';
import type { AggregateRepository } from '../repository/aggregate-repository';

/** The aggregates one command works on: its target and the ones its `@Loads` fields name. */
export interface Participants {
  readonly target: Aggregate;
  readonly all: readonly Aggregate[];
  readonly context: CommandContext;
}

function fieldOf(command: object, field: string): unknown {
  return (command as Record<string, unknown>)[field];
}

/** The target's id, from the command's `@AggregateId` field. */
export function targetIdOf(route: CommandRoute, command: object): string {
  const id = fieldOf(command, route.info.aggregateIdField);
  if (typeof id !== 'string' || id === '') {
    throw new ValidationError(`command ${route.info.name}`, [
      { field: route.info.aggregateIdField, reasons: ['must be a non-empty string id'] },
    ]);
  }
  return id;
}

function keyOf(aggregateClass: AggregateClass, id: string): string {
  return streamIdOf(aggregateInfoOf(aggregateClass).type, id);
}

/** Whether the command's handler creates its target (`@CommandHandler(..., { creates: true })`). */
export function createsTarget(route: CommandRoute): boolean {
  return aggregateInfoOf(route.aggregateClass).handlers.get(route.commandClass)?.creates === true;
}

/**
 * Loads a command's target and every aggregate its `@Loads` fields name (fields left empty are skipped; an id
 * equal to the target's is the target itself), and a context that hands them to the handler. With `freshTarget`
 * the target is not read but taken new, at version 0: a creating command's conditional append is what refuses an
 * existing stream.
 */
export async function loadParticipants(
  repository: AggregateRepository,
  route: CommandRoute,
  command: object,
  services: Services = noServices,
  options: { readonly freshTarget?: boolean } = {},
): Promise<Participants> {
  const aggregateClass = route.aggregateClass as AggregateClass<Aggregate>;
  const id = targetIdOf(route, command);
  const target = options.freshTarget ? new aggregateClass(id) : await repository.load(aggregateClass, id);
  const byStream = new Map<string, Aggregate>([[target.streamId, target]]);
  const wanted = route.info.loads
    .map((load) => ({
      aggregateClass: load.aggregate() as AggregateClass<Aggregate>,
      id: fieldOf(command, load.field),
    }))
    .filter(
      (load): load is { aggregateClass: AggregateClass<Aggregate>; id: string } =>
        typeof load.id === 'string',
    );
  const loaded = await Promise.all(
    wanted
      .filter((load) => !byStream.has(keyOf(load.aggregateClass, load.id)))
      .map((load) => repository.load(load.aggregateClass, load.id)),
  );
  for (const aggregate of loaded) byStream.set(aggregate.streamId, aggregate);
  const context: CommandContext = {
    services,
    related<A extends Aggregate>(aggregateClass: AggregateClass<A>, id: string): A {
      const found = byStream.get(keyOf(aggregateClass, id));
      if (!found) {
        throw new ConfigurationError(
          `${keyOf(aggregateClass, id)} was not loaded for command ${route.info.name}: name its id field with @Loads`,
        );
      }
      return found as A;
    },
  };
  return { target, all: [...byStream.values()], context };
}
