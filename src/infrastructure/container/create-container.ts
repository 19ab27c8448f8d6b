import { Container } from 'inversify';
import type { EventfoldConfig } from '../config';
import { bindAllClients } from './client-bindings';
import { bindCore, type Observability } from './core-bindings';
import type { EventfoldApp } from './eventfold-app';
import { bindHttpApi } from './http-bindings';
import { bindPersonalData } from './personal-bindings';
import { bindForwarder, bindLivePath } from './projection-bindings';
import { bindRebuilds } from './rebuild-bindings';
import { bindReplays } from './replay-bindings';
import { bindSqlSlots } from './sql-slot-bindings';
import { bindProcesses } from './process-bindings';
import { bindTimers } from './timer-bindings';
import { bindUserCode } from './user-bindings';
import { bindWriteSide } from './write-bindings';

/** What the composition root needs: the user's app, the configuration, and optionally logger and metrics. */
export interface EventfoldContainerOptions {
  readonly app: EventfoldApp;
  readonly config: EventfoldConfig;
  readonly observability?: Observability;
  /** The time now, for commit times and timers; the machine's when absent (the local runtime moves its own). */
  readonly clock?: () => Date;
}

/**
 * The composition root: the only place that knows every concrete class. It binds the AWS clients, the stores, the
 * use cases and the dependencies of each Lambda role, and loads the app's own bindings (its services and projection
 * classes); every service is built once, on first use, so a role builds only what it uses.
 * @example
 * const container = createEventfoldContainer({ app, config: configFromEnv() });
 * const deps = container.get(HttpTokens.deps);
 */
export function createEventfoldContainer(options: EventfoldContainerOptions): Container {
  const container = new Container();
  bindCore(container, options.app, options.config, options.observability ?? {}, options.clock);
  bindAllClients(container);
  bindUserCode(container, options.app);
  bindWriteSide(container);
  bindPersonalData(container);
  bindReplays(container);
  bindSqlSlots(container);
  bindRebuilds(container);
  bindLivePath(container);
  bindForwarder(container);
  bindHttpApi(container);
  bindTimers(container);
  bindProcesses(container);
  return container;
}
