import { ConfigurationError } from '../../domain/domain-errors';
import { type DomainDefinition, DomainModel, defineDomain } from '../../domain/domain-model';
import type { AnyProjection } from '../../projections/projection-binding';
import { projectionInfoOf } from '../../projections/projection-decorators';

/** A user's application: its domain (aggregates, commands, events, upcasters) and its projections, in one place. */
export interface EventfoldApp {
  readonly domain: DomainModel;
  readonly projections: readonly AnyProjection[];
}

/** What `defineEventfoldApp` takes: a domain model or its definition, and projection instances. */
export interface EventfoldAppDefinition {
  readonly domain: DomainModel | DomainDefinition;
  readonly projections?: readonly AnyProjection[];
}

/**
 * Declares an application: the one place where a domain registers its aggregates, commands and projections. Every
 * inconsistency (two projections with one name, an event type declared twice, ...) throws here, at startup.
 * @example
 * export const app = defineEventfoldApp({ domain: { aggregates: [Order] }, projections: [new OrderSummaries()] });
 */
export function defineEventfoldApp(definition: EventfoldAppDefinition): EventfoldApp {
  const domain =
    definition.domain instanceof DomainModel ? definition.domain : defineDomain(definition.domain);
  const projections = definition.projections ?? [];
  const names = new Set<string>();
  for (const projection of projections) {
    const { name } = projectionInfoOf(projection);
    if (names.has(name))
      throw new ConfigurationError(`projection ${name} is registered twice`, { projection: name });
    names.add(name);
  }
  return { domain, projections };
}

/** The names of an application's projections. */
export function projectionNames(app: EventfoldApp): string[] {
  return app.projections.map((p) => projectionInfoOf(p).name);
}
