import type { Container } from 'inversify';
import { forwarderFunctionContainer } from '../container/app-free-containers';
import { ProjectionTokens } from '../container/projection-bindings';
import { handleStreamBatch } from '../forwarder/handle-stream-batch';
import { appFreeColdStartOf } from './cold-start-of';
import { roleHandler } from './role-handler';

const coldStart = appFreeColdStartOf(forwarderFunctionContainer);

/**
 * The stream forwarder over a container: by default the function's cold-start container, which binds
 * only what this role uses; the local runtimes pass their own.
 */
export const streamForwarder = (container?: () => Container) =>
  roleHandler('streamForwarder', ProjectionTokens.forwarderDeps, handleStreamBatch, container ?? coldStart);

/** The stream forwarder function: events table stream -> projection stream; reports batch item failures. */
export const handler = streamForwarder();
