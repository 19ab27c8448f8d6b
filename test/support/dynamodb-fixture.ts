import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient } from '../../src/infrastructure/aws/clients';
import { configFromEnv, type EventfoldConfig } from '../../src/infrastructure/config';
import { ensureEventStoreTables } from '../../src/infrastructure/dynamodb/tables';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../src/infrastructure/local/dynamodb-local';

/** A fresh DynamoDB Local with the event store's tables, for one test suite. */
export interface DynamoDbFixture {
  readonly local: DynamoDbLocal;
  readonly client: DynamoDBClient;
  /** A configuration pointing at this instance and its tables (other resources keep their defaults). */
  readonly config: EventfoldConfig;
  stop(): Promise<void>;
}

/** Options of the fixture. */
export interface DynamoDbFixtureOptions {
  /** Prefix of the table names; default `test-`. */
  readonly tablePrefix?: string;
  /** Write shards of the time index; default 0 (none: `readAll` scans), as `configFromEnv`. */
  readonly timeIndexShards?: number;
  /** Overrides of the configuration (for example more table names a suite creates itself). */
  readonly config?: Partial<EventfoldConfig>;
}

/**
 * Starts a fresh in-memory DynamoDB Local on a free port (no network) and creates the events, snapshots and
 * control tables. Call `stop()` when done.
 */
export async function startDynamoDbFixture(options: DynamoDbFixtureOptions = {}): Promise<DynamoDbFixture> {
  const local = await startDynamoDbLocal();
  const prefix = options.tablePrefix ?? 'test-';
  const endpoints = { region: 'us-east-1', dynamodb: local.endpoint };
  const config: EventfoldConfig = {
    ...configFromEnv({}),
    endpoints,
    eventsTable: `${prefix}events`,
    snapshotsTable: `${prefix}snapshots`,
    controlTable: `${prefix}control`,
    timeIndexShards: options.timeIndexShards ?? 0,
    ...options.config,
  };
  const client = createDynamoDbClient(endpoints);
  try {
    await ensureEventStoreTables(client, config);
  } catch (error) {
    client.destroy();
    await local.stop();
    throw error;
  }
  const stop = async () => {
    client.destroy();
    await local.stop();
  };
  return { local, client, config, stop };
}

/**
 * Registers `beforeAll` / `afterAll` hooks that start a fresh fixture for the enclosing suite and stop it,
 * and returns a getter for it (valid inside tests).
 * @example
 * const ddb = useDynamoDbFixture();
 * it('...', async () => { const store = new DynamoDbEventStore(ddb().client, ddb().config); });
 */
export function useDynamoDbFixture(options: DynamoDbFixtureOptions = {}): () => DynamoDbFixture {
  let fixture: DynamoDbFixture | undefined;
  beforeAll(async () => {
    fixture = await startDynamoDbFixture(options);
  }, 90_000);
  afterAll(async () => {
    await fixture?.stop();
  }, 30_000);
  return () => {
    if (!fixture) throw new Error('the DynamoDB fixture is not started (use it inside a test)');
    return fixture;
  };
}

/** The names of one set of the event store's tables. */
export interface EventStoreTableNames {
  readonly eventsTable: string;
  readonly snapshotsTable: string;
  readonly controlTable: string;
}

/**
 * A maker of fresh, empty event-store tables on the fixture's DynamoDB Local, so that a case reads exactly what
 * it wrote: each call creates `<prefix><n>-events`, `-snapshots` and `-control` with the next `n`.
 * @example
 * const freshTables = freshTableMaker(ddb, 'scan-');
 * const store = new DynamoDbEventStore(ddb().client, await freshTables());
 */
export function freshTableMaker(
  ddb: () => DynamoDbFixture,
  prefix: string,
): () => Promise<EventStoreTableNames> {
  let made = 0;
  return async () => {
    made += 1;
    const names = {
      eventsTable: `${prefix}${made}-events`,
      snapshotsTable: `${prefix}${made}-snapshots`,
      controlTable: `${prefix}${made}-control`,
    };
    await ensureEventStoreTables(ddb().client, names);
    return names;
  };
}
