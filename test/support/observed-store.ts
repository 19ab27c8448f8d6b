import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbEventStore } from '../../src/infrastructure/dynamodb/event-store';
import type { DynamoDbFixture } from './dynamodb-fixture';
import { observedClient, type SentCommand } from './observed-client';

/** An event store on the suite's tables and the requests its client sent. */
export interface ObservedStore {
  readonly store: DynamoDbEventStore;
  readonly requests: SentCommand[];
}

/**
 * Makes DynamoDB event stores on the fixture's tables, each on its own observed client (so that a test sees only
 * its own requests), and destroys the clients after the suite. Call it inside a `describe`.
 *
 * @example
 * const ddb = useDynamoDbFixture({ tablePrefix: 'reads-' });
 * const storeWith = useObservedStores(ddb);
 * const { store, requests } = storeWith();
 */
export function useObservedStores(ddb: () => DynamoDbFixture): (clock?: () => Date) => ObservedStore {
  const clients: DynamoDBClient[] = [];
  afterAll(() => clients.forEach((client) => client.destroy()));
  return (clock) => {
    const { client, requests } = observedClient(ddb().config.endpoints, ddb().config.controlTable);
    clients.push(client);
    return { store: new DynamoDbEventStore(client, { ...ddb().config, clock }), requests };
  };
}
