import {
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import type { ReadModelSlotReset } from '../../../application/rebuild/rebuild-ports';
import type { ReadModelTarget } from '../../../projections/read-model-store';
import { ensureTable } from '../tables/create-tables';
import { readModelTableDefinition } from '../tables/read-model-table';
import type { TableOf } from '../read-models/dynamodb-read-model-store';

async function gone(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return true;
    throw error;
  }
}

/**
 * Empties a projection slot by deleting its read-model table and creating it again (faster than deleting items,
 * and leaves nothing half-cleared). Nothing writes to the standby while it is reset: the rebuild marks the
 * pointer only afterwards. On AWS the CDK construct must then grant the rebuild DeleteTable/CreateTable on the
 * read-model tables, or deploy with a clearing implementation instead.
 */
export class DynamoDbSlotReset implements ReadModelSlotReset {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableOf: TableOf,
    private readonly timeoutMs = 300_000,
  ) {}

  async reset(target: ReadModelTarget): Promise<void> {
    const tableName = this.tableOf(target);
    try {
      await this.client.send(new DeleteTableCommand({ TableName: tableName }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    const deadline = Date.now() + this.timeoutMs;
    while (!(await gone(this.client, tableName))) {
      if (Date.now() > deadline) throw new Error(`table ${tableName} not deleted after ${this.timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await ensureTable(this.client, readModelTableDefinition(tableName), this.timeoutMs);
  }
}
