import { ProjectionTokens } from '../container/projection-bindings';
import { handleStreamBatch } from '../forwarder/handle-stream-batch';
import { lambdaHandler } from './lambda-handler';

/** The stream forwarder function: events table stream -> projection stream; reports batch item failures. */
export const handler = lambdaHandler('streamForwarder', ProjectionTokens.forwarderDeps, handleStreamBatch);
