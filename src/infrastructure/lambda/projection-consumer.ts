import { ProjectionTokens } from '../container/projection-bindings';
import { handleProjectionBatch } from '../kinesis/projection-batch-handler';
import { lambdaHandler } from './lambda-handler';

/** The projection consumer function: projection or replay stream -> read models; reports batch item failures. */
export const handler = lambdaHandler(
  'projectionConsumer',
  ProjectionTokens.consumerDeps,
  handleProjectionBatch,
);
