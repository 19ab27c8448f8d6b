/**
 * `eventfold/local`: the embedded local runtime (DynamoDB Local, kinesalite, local SQS and Step Functions,
 * emulated event source mappings). A separate entry point, so that Lambda bundles never pull in the emulators.
 * @example
 * import { startLocalRuntime } from 'eventfold/local';
 */
import 'reflect-metadata';

export * from './infrastructure/local/runtime';
