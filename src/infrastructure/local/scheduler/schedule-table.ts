import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { ensureTable } from '../../dynamodb/tables/create-tables';

/** The table the local runtime keeps its schedules in, in DynamoDB Local (so they survive a restart). */
export const LOCAL_SCHEDULES_TABLE = 'eventfold-local-schedules';

/** The item holding the local clock's offset (it has no `dueAt`, so no scan for due schedules finds it). */
const CLOCK_ID = '#clock';

/** A one-time schedule as the local scheduler keeps it. */
export interface StoredSchedule {
  /** `<group>/<name>`. */
  readonly id: string;
  readonly group: string;
  readonly name: string;
  readonly expression: string;
  /** When it is due, in ms since the epoch. */
  readonly dueAt: number;
  readonly targetArn: string;
  readonly input: string;
  readonly deadLetterArn?: string;
  readonly maxRetries: number;
  /** Failed deliveries so far, and when the next one may be tried (ms since the epoch). */
  readonly attempts: number;
  readonly nextAttemptAt: number;
}

/** A schedule of that name already exists in the group. */
export class ScheduleExists extends Error {}

/** Creates the schedules table unless it exists. */
export async function ensureSchedulesTable(client: DynamoDBClient, tableName = LOCAL_SCHEDULES_TABLE) {
  await ensureTable(client, {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  });
}

/** The local scheduler's store: create (refused when the name exists), delete, list the due ones, note failures. */
export class ScheduleTable {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName = LOCAL_SCHEDULES_TABLE,
  ) {}

  async create(schedule: StoredSchedule): Promise<void> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: marshall(schedule, { removeUndefinedValues: true }),
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ScheduleExists(schedule.id);
      throw error;
    }
  }

  /** Deletes a schedule; false when there was none. */
  async delete(id: string): Promise<boolean> {
    const { Attributes } = await this.client.send(
      new DeleteItemCommand({ TableName: this.tableName, Key: marshall({ id }), ReturnValues: 'ALL_OLD' }),
    );
    return Attributes !== undefined;
  }

  async get(id: string): Promise<StoredSchedule | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: marshall({ id }), ConsistentRead: true }),
    );
    return Item ? (unmarshall(Item) as StoredSchedule) : undefined;
  }

  /** Every schedule due and ready for an attempt at `now`, earliest first. */
  async due(now: number): Promise<StoredSchedule[]> {
    const found = await this.scan('dueAt <= :now AND nextAttemptAt <= :now', { ':now': now });
    return found.sort((a, b) => a.dueAt - b.dueAt || a.id.localeCompare(b.id));
  }

  /** Records a failed delivery and when the next may be tried. */
  async recordFailure(id: string, attempts: number, nextAttemptAt: number): Promise<void> {
    await this.client
      .send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: marshall({ id }),
          UpdateExpression: 'SET attempts = :a, nextAttemptAt = :n',
          ConditionExpression: 'attribute_exists(id)',
          ExpressionAttributeValues: marshall({ ':a': attempts, ':n': nextAttemptAt }),
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  /** The local clock's offset kept with the schedules (0 when none was kept). */
  async clockOffset(): Promise<number> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: marshall({ id: CLOCK_ID }),
        ConsistentRead: true,
      }),
    );
    return Item ? Number(unmarshall(Item).offsetMs) : 0;
  }

  async saveClockOffset(offsetMs: number): Promise<void> {
    await this.client.send(
      new PutItemCommand({ TableName: this.tableName, Item: marshall({ id: CLOCK_ID, offsetMs }) }),
    );
  }

  private async scan(filter: string, values: Record<string, unknown>): Promise<StoredSchedule[]> {
    const items: StoredSchedule[] = [];
    let start: Record<string, any> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: filter,
          ExpressionAttributeValues: marshall(values),
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      items.push(...(page.Items ?? []).map((item) => unmarshall(item) as StoredSchedule));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }
}
