import type { Container } from 'inversify';
import { ProcessTokens } from '../container/process-bindings';
import { processConsumerContainer } from '../container/role-containers';
import { handleProcessBatch } from '../kinesis/process-batch-handler';
import { coldStartOf } from './cold-start-of';
import { roleHandler } from './role-handler';

const coldStart = coldStartOf(processConsumerContainer);

/**
 * The process consumer over a container: by default the function's cold-start container, which binds only what
 * this role uses; the local runtime passes its own.
 */
export const processConsumer = (container?: () => Container) =>
  roleHandler('processConsumer', ProcessTokens.consumerDeps, handleProcessBatch, container ?? coldStart);

/** The process consumer function: projection stream -> process managers -> commands and timers. */
export const handler = processConsumer();
