import type { Container } from 'inversify';
import { createDynamoDbClient, createKinesisClient, createSfnClient, createSqsClient } from '../aws/clients';
import { CoreTokens } from './core-bindings';
import { provide } from './tokens';

/*
 * One binder per AWS client. A role's container calls only the binders of the clients it uses, and the bundler
 * leaves the other clients' packages out of that role's function.
 */

/** Binds the DynamoDB client, built from the configured endpoints on first use. */
export function bindDynamoDbClient(container: Container): void {
  provide(container, CoreTokens.dynamodb, (get) => createDynamoDbClient(get(CoreTokens.config).endpoints));
}

/** Binds the Kinesis client, built from the configured endpoints on first use. */
export function bindKinesisClient(container: Container): void {
  provide(container, CoreTokens.kinesis, (get) => createKinesisClient(get(CoreTokens.config).endpoints));
}

/** Binds the Step Functions client, built from the configured endpoints on first use. */
export function bindSfnClient(container: Container): void {
  provide(container, CoreTokens.sfn, (get) => createSfnClient(get(CoreTokens.config).endpoints));
}

/** Binds the SQS client, built from the configured endpoints on first use. */
export function bindSqsClient(container: Container): void {
  provide(container, CoreTokens.sqs, (get) => createSqsClient(get(CoreTokens.config).endpoints));
}

/** Binds all four clients (the HTTP API and the local runtime use every one). */
export function bindAllClients(container: Container): void {
  bindDynamoDbClient(container);
  bindKinesisClient(container);
  bindSfnClient(container);
  bindSqsClient(container);
}
