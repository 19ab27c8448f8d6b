import type { Container } from 'inversify';
import { HttpTokens } from '../container/http-bindings';
import { handleHttpRequest } from '../http/handle-http';
import { lambdaHandler } from './lambda-handler';

/**
 * The HTTP API over a container: the function's cold-start container by default; the local runtime passes its
 * own.
 */
export const httpApi = (container?: () => Container) =>
  lambdaHandler('httpApi', HttpTokens.deps, handleHttpRequest, container);

/** The HTTP API function (API Gateway proxy integration). */
export const handler = httpApi();
