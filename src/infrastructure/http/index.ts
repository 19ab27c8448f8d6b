export * from './api-ports';
export * from './route';
export * from './json-schema';
export * from './openapi';
export * from './handle-http';
export { apiRoutes } from './routes';
export { errorResponse } from './errors';
