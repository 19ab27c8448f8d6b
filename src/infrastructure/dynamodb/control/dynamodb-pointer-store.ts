import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ProjectionPointer, ProjectionPointerStore } from '../../../projections/table-pointer';
import { conditionally, controlKey, values } from './control-items';

/** The key of a projection's pointer item in the control table. */
export function pointerKey(projection: string) {
  return controlKey(`projection#${projection}`, 'pointer');
}

/**
 * The conditional `Put` of a pointer: it lands only while the stored revision is `expectedRevision`, and stores
 * `expectedRevision + 1` whatever the pointer carries. Used alone (`put`) or inside a transaction.
 */
export function pointerPut(tableName: string, pointer: ProjectionPointer, expectedRevision: number) {
  const stored = { ...pointer, revision: expectedRevision + 1 };
  const condition =
    expectedRevision === 0 ? 'attribute_not_exists(pk) OR revision = :expected' : 'revision = :expected';
  return {
    TableName: tableName,
    Item: { ...pointerKey(pointer.projection), ...values(stored) },
    ConditionExpression: condition,
    ExpressionAttributeValues: values({ ':expected': expectedRevision }),
  };
}

/**
 * Projection pointers in the control table (`pk = projection#<name>`, `sk = pointer`). `put` is one conditional
 * write on the stored revision; the stored revision becomes `expectedRevision + 1` whatever the pointer carries.
 * @example
 * const pointer = await pointers.get('orders');
 * const flipped = await pointers.put({ ...pointer, active: 'green', previous: 'blue', rebuilding: undefined }, pointer.revision);
 */
export class DynamoDbProjectionPointerStore implements ProjectionPointerStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async get(projection: string): Promise<ProjectionPointer> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: pointerKey(projection), ConsistentRead: true }),
    );
    if (!Item) return { projection, active: 'blue', revision: 0 };
    const { pk: _pk, sk: _sk, ...pointer } = unmarshall(Item);
    return pointer as ProjectionPointer;
  }

  async put(pointer: ProjectionPointer, expectedRevision: number): Promise<boolean> {
    return conditionally(() =>
      this.client.send(new PutItemCommand(pointerPut(this.tableName, pointer, expectedRevision))),
    );
  }
}
