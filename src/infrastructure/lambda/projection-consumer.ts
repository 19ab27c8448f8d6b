import type { Container } from 'inversify';
import { ProjectionTokens } from '../container/projection-bindings';
import { handleProjectionBatch } from '../kinesis/projection-batch-handler';
import { lambdaHandler } from './lambda-handler';

/**
 * The projection consumer over a container: the function's cold-start container by default; the local runtimes
 * pass their own.
 */
export const projectionConsumer = (container?: () => Container) =>
  lambdaHandler('projectionConsumer', ProjectionTokens.consumerDeps, handleProjectionBatch, container);

/** The projection consumer function: projection or replay stream -> read models; reports batch item failures. */
export const handler = projectionConsumer();
