/**
 * `eventfold/aws`: the AWS side. The DynamoDB event store, snapshot and read-model stores, the Kinesis, SQS and
 * Step Functions adapters, the clients of SQL read models (`pg`, PGlite), the HTTP API, the Lambda entrypoints and
 * the container that wires an app (`defineEventfoldApp`), with `createDynamoDbClient` and `configFromEnv` to build them from the environment.
 * @example
 * import { DynamoDbEventStore, configFromEnv, createDynamoDbClient, endpointsFromEnv } from 'eventfold/aws';
 */
import 'reflect-metadata/lite';

export * from './infrastructure/config';
export * from './infrastructure/aws/aws-config';
export * from './infrastructure/aws/clients';
export * from './infrastructure/dynamodb/tables';
export * from './infrastructure/dynamodb/event-store';
export * from './infrastructure/dynamodb/snapshot-store';
export * from './infrastructure/dynamodb/read-models';
export * from './infrastructure/dynamodb/control';
export * from './infrastructure/container';
export * from './infrastructure/http';
export * from './infrastructure/lambda';
export * from './infrastructure/kinesis';
export * from './infrastructure/forwarder';
export * from './infrastructure/sqs';
export * from './infrastructure/side-effects';
export * from './infrastructure/stepfunctions';
export * from './infrastructure/scheduler';
export * from './infrastructure/client';
export * from './infrastructure/rds-data';
export * from './infrastructure/keys';
export * from './infrastructure/sql';
