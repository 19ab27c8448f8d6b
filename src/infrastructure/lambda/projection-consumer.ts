import type { Container } from 'inversify';
import { projectionConsumerContainer } from '../container/role-containers';
import { ProjectionTokens } from '../container/projection-bindings';
import { handleProjectionBatch } from '../kinesis/projection-batch-handler';
import { coldStartOf } from './cold-start-of';
import { roleHandler } from './role-handler';

const coldStart = coldStartOf(projectionConsumerContainer);

/**
 * The projection consumer over a container: by default the function's cold-start container, which binds
 * only what this role uses; the local runtimes pass their own.
 */
export const projectionConsumer = (container?: () => Container) =>
  roleHandler(
    'projectionConsumer',
    ProjectionTokens.consumerDeps,
    handleProjectionBatch,
    container ?? coldStart,
  );

/** The projection consumer function: projection or replay stream -> read models; reports batch item failures. */
export const handler = projectionConsumer();
