import type { Container } from 'inversify';
import { HttpTokens } from '../container/http-bindings';
import { httpApiContainer } from '../container/role-containers';
import { handleHttpRequest } from '../http/handle-http';
import { coldStartOf } from './cold-start-of';
import { roleHandler } from './role-handler';

const coldStart = coldStartOf(httpApiContainer);

/**
 * The HTTP API over a container: by default the function's cold-start container, which binds only what the API
 * uses; the local runtime passes its own.
 */
export const httpApi = (container?: () => Container) =>
  roleHandler('httpApi', HttpTokens.deps, handleHttpRequest, container ?? coldStart);

/** The HTTP API function (API Gateway proxy integration). */
export const handler = httpApi();
