import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { controlTableDefinition } from './control-table';
import { eventsTableDefinition } from './events-table';
import { snapshotsTableDefinition } from './snapshots-table';

/** Names of the event store's tables. */
export interface EventStoreTableNames {
  readonly eventsTable: string;
  readonly snapshotsTable: string;
  readonly controlTable: string;
}

async function isActive(client: DynamoDBClient, tableName: string): Promise<boolean> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');
  return Table?.TableStatus === 'ACTIVE' && indexesActive;
}

/**
 * Creates a table unless it exists, and waits until it and its indexes are active (at most `timeoutMs`).
 * Used by the tests and the local runtime; on AWS the CDK construct creates the tables.
 */
export async function ensureTable(
  client: DynamoDBClient,
  definition: CreateTableCommandInput,
  timeoutMs = 60_000,
): Promise<void> {
  const tableName = definition.TableName as string;
  try {
    await client.send(new CreateTableCommand(definition));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  const deadline = Date.now() + timeoutMs;
  while (!(await isActive(client, tableName))) {
    if (Date.now() > deadline) throw new Error(`table ${tableName} not active after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Creates the events, snapshots and control tables (each unless it exists). */
export async function ensureEventStoreTables(
  client: DynamoDBClient,
  names: EventStoreTableNames,
): Promise<void> {
  await Promise.all([
    ensureTable(client, eventsTableDefinition(names.eventsTable)),
    ensureTable(client, snapshotsTableDefinition(names.snapshotsTable)),
    ensureTable(client, controlTableDefinition(names.controlTable)),
  ]);
}
