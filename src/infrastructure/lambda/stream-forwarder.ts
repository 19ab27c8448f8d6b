import type { Container } from 'inversify';
import { ProjectionTokens } from '../container/projection-bindings';
import { handleStreamBatch } from '../forwarder/handle-stream-batch';
import { lambdaHandler } from './lambda-handler';

/**
 * The stream forwarder over a container: the function's cold-start container by default; the local runtimes
 * pass their own.
 */
export const streamForwarder = (container?: () => Container) =>
  lambdaHandler('streamForwarder', ProjectionTokens.forwarderDeps, handleStreamBatch, container);

/** The stream forwarder function: events table stream -> projection stream; reports batch item failures. */
export const handler = streamForwarder();
