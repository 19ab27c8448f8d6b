import type { Container } from 'inversify';
import type { AnyProcess, ProcessEntry } from '../../application/process/process';
import { noServices, type ServiceId, type Services } from '../../domain/services';
import type { AnyProjection, ProjectionEntry } from '../../projections/projection-binding';
import type { EventfoldApp } from './eventfold-app';
import { token } from './tokens';

/** Tokens of the user's code: its services as command handlers see them, and its projection instances. */
export const UserTokens = {
  services: token<Services>('UserServices'),
  projections: token<readonly AnyProjection[]>('Projections'),
  processes: token<readonly AnyProcess[]>('Processes'),
} as const;

const isClass = <T>(entry: T | (new (...args: any[]) => T)): entry is new (...args: any[]) => T =>
  typeof entry === 'function';

/**
 * Loads the app's own bindings, binds each projection class it lists (unless the app bound it itself) as a
 * singleton, and binds the services command handlers ask for. Nothing is built here: a projection class and its
 * dependencies are built when a role first resolves the projections, so the HTTP API never builds a mailer that
 * only a projection uses.
 */
export function bindUserCode(container: Container, app: EventfoldApp): void {
  container.loadSync(...app.bindings);
  const entries: ReadonlyArray<ProjectionEntry | ProcessEntry> = [
    ...app.projections,
    ...(app.processes ?? []),
  ];
  for (const entry of entries) {
    if (isClass(entry) && !container.isBound(entry)) container.bind(entry).toSelf().inSingletonScope();
  }
  const services: Services = {
    get: <T>(id: ServiceId<T>): T => (container.isBound(id) ? container.get<T>(id) : noServices.get(id)),
  };
  container.bind(UserTokens.services).toConstantValue(services);
  container
    .bind(UserTokens.projections)
    .toDynamicValue(() => app.projections.map((entry) => (isClass(entry) ? container.get(entry) : entry)))
    .inSingletonScope();
  container
    .bind(UserTokens.processes)
    .toDynamicValue(() =>
      (app.processes ?? []).map((entry) => (isClass(entry) ? container.get(entry) : entry)),
    )
    .inSingletonScope();
}
