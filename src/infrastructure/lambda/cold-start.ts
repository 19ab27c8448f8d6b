import type { Container } from 'inversify';
import { createEventfoldContainer } from '../container/create-container';
import { coldStartOf } from './cold-start-of';

/**
 * The container of this Lambda execution environment holding every role (the HTTP API's), built on first use
 * from the registered app and the `EVENTFOLD_*` environment, then reused by every invocation.
 */
export const coldStartContainer: () => Container = coldStartOf(createEventfoldContainer);
