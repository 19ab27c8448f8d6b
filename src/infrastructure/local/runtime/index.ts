export * from './local-runtime';
export * from './event-source-mapping';
export * from './event-source-mapping-types';
export * from './event-source-mapping-dynamodb';
export * from './event-source-mapping-kinesis';
export * from './event-source-mapping-checkpoints';
export { startLocalHttpServer, toProxyEvent, type LocalHttpServer, type ProxyHandler } from './http-server';
export * from './prerequisites';
export * from './local-app';
