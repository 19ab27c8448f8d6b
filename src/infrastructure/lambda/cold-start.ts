import type { Container } from 'inversify';
import { registeredEventfoldApp } from '../container/app-registry';
import { createEventfoldContainer } from '../container/create-container';
import { configFromEnv } from '../config';

let container: Container | undefined;

/**
 * The container of this Lambda execution environment, built on first use from the registered app and the
 * `EVENTFOLD_*` environment, then reused by every invocation (once per cold start).
 */
export function coldStartContainer(): Container {
  container ??= createEventfoldContainer({ app: registeredEventfoldApp(), config: configFromEnv() });
  return container;
}
