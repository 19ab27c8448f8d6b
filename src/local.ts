/**
 * The embedded local runtime (DynamoDB Local, kinesalite, local SQS and Step Functions, emulated event source
 * mappings). A separate entry point, so that Lambda bundles importing the package root never pull in the emulators.
 * @example
 * import { startLocalRuntime } from 'eventfold/dist/src/local';
 */
import 'reflect-metadata';

export * from './infrastructure/local/runtime';
