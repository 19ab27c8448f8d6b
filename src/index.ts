import 'reflect-metadata';

export * from './domain';
export * from './testing';
export * from './projections';
export * from './application/repository';
export * from './application/commands';
export * from './infrastructure/dynamodb/tables';
export * from './infrastructure/dynamodb/event-store';
export * from './infrastructure/dynamodb/snapshot-store';
export * from './infrastructure/container';
export * from './infrastructure/http';
export * from './infrastructure/lambda';
export * from './infrastructure/kinesis';
export * from './infrastructure/forwarder';
export * from './infrastructure/dynamodb/read-models';
export * from './infrastructure/sqs';
export * from './infrastructure/side-effects';
