import type { ContainerModule } from 'inversify';
import { ConfigurationError } from '../../domain/domain-errors';
import { type DomainDefinition, DomainModel, defineDomain } from '../../domain/domain-model';
import type { ProcessEntry } from '../../application/process/process';
import { processInfoOf } from '../../application/process/process-decorators';
import type { ProjectionEntry } from '../../projections/projection-binding';
import { projectionInfoOf } from '../../projections/projection-decorators';

/**
 * A user's application: its domain (aggregates, commands, events, upcasters), its projections (instances, or
 * classes built by the container with their dependencies) and its own container bindings, in one place.
 */
export interface EventfoldApp {
  readonly domain: DomainModel;
  readonly projections: readonly ProjectionEntry[];
  /** Its process managers (instances, or classes built by the container with their dependencies). */
  readonly processes: readonly ProcessEntry[];
  /** The app's own inversify bindings (its services), loaded into every container built for the app. */
  readonly bindings: readonly ContainerModule[];
}

/** What `defineEventfoldApp` takes: a domain model or its definition, projections, and the app's bindings. */
export interface EventfoldAppDefinition {
  readonly domain: DomainModel | DomainDefinition;
  readonly projections?: readonly ProjectionEntry[];
  /** Process managers: they react to events with commands and timers (classes are built by the container). */
  readonly processes?: readonly ProcessEntry[];
  /**
   * The app's services as inversify `ContainerModule`s. Projection classes, and the services command handlers ask
   * for (`ctx.services.get(PriceList)`), are resolved from them; a test swaps one with `container.rebindSync`.
   */
  readonly bindings?: ContainerModule | readonly ContainerModule[];
}

/**
 * Declares an application: the one place where a domain registers its aggregates, commands, projections and
 * services. Every inconsistency (two projections with one name, an event type declared twice, ...) throws here,
 * at startup.
 * @example
 * const services = new ContainerModule(({ bind }) => { bind(Mailer).to(SmtpMailer).inSingletonScope(); });
 * export const app = defineEventfoldApp({
 *   domain: { aggregates: [Order] },
 *   projections: [OrderDocuments, OrderConfirmations], // classes: built with their injected dependencies
 *   processes: [ReservationExpiry],
 *   bindings: services,
 * });
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
  const processes = definition.processes ?? [];
  assertUniqueNames(
    processes.map((p) => processInfoOf(p).name),
    'process manager',
  );
  const bindings = definition.bindings === undefined ? [] : [definition.bindings].flat();
  return { domain, projections, processes, bindings };
}

function assertUniqueNames(names: readonly string[], kind: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new ConfigurationError(`${kind} ${name} is registered twice`, { name });
    seen.add(name);
  }
}

/** The names of an application's process managers. */
export function processNames(app: EventfoldApp): string[] {
  return (app.processes ?? []).map((p) => processInfoOf(p).name);
}

/** The names of an application's projections. */
export function projectionNames(app: EventfoldApp): string[] {
  return app.projections.map((p) => projectionInfoOf(p).name);
}
