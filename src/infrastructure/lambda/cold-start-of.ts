import type { Container } from 'inversify';
import { registeredEventfoldApp } from '../container/app-registry';
import type { EventfoldContainerOptions } from '../container/create-container';
import type { AppFreeContainerOptions } from '../container/app-free-containers';
import { configFromEnv } from '../config';

/**
 * A function's container, built on first use by `create` from the registered app and the `EVENTFOLD_*`
 * environment, then reused by every invocation (once per cold start). Each role passes the factory of its own
 * container, so its bundle holds only the clients and code the role uses.
 */
export function coldStartOf(create: (options: EventfoldContainerOptions) => Container): () => Container {
  let container: Container | undefined;
  return () => {
    container ??= create({ app: registeredEventfoldApp(), config: configFromEnv() });
    return container;
  };
}

/**
 * The container of a role that runs none of the app's code (the stream forwarder, the replay iterator), built on
 * first use from the `EVENTFOLD_*` environment alone: its function is bundled without the app module.
 */
export function appFreeColdStartOf(create: (options: AppFreeContainerOptions) => Container): () => Container {
  let container: Container | undefined;
  return () => {
    container ??= create({ config: configFromEnv() });
    return container;
  };
}
