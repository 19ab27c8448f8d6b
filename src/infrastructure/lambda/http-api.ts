import { HttpTokens } from '../container/http-bindings';
import { handleHttpRequest } from '../http/handle-http';
import { lambdaHandler } from './lambda-handler';

/** The HTTP API function (API Gateway proxy integration). */
export const handler = lambdaHandler('httpApi', HttpTokens.deps, handleHttpRequest);
