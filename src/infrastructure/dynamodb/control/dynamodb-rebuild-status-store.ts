import {
  type DynamoDBClient,
  GetItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type {
  RebuildChange,
  RebuildState,
  RebuildStatus,
  RebuildStatusStore,
} from '../../../application/rebuild/rebuild-status';
import type { ProjectionPointer } from '../../../projections/table-pointer';
import { conditionally, controlKey, values } from './control-items';
import { pointerPut } from './dynamodb-pointer-store';

const projectionPk = (projection: string) => `projection#${projection}`;
const rebuildKey = (projection: string, rebuildId: string) =>
  controlKey(projectionPk(projection), `rebuild#${rebuildId}`);
const lockKey = (projection: string) => controlKey(projectionPk(projection), 'rebuild-lock');

/**
 * Rebuild status in the control table: one item per rebuild (`pk = projection#<name>`, `sk = rebuild#<id>`) and
 * one lock per projection (`sk = rebuild-lock`) naming the latest rebuild and whether it is still open. `begin`
 * writes both in one transaction, so two rebuilds of a projection can never be open together. `updateWithPointer`
 * changes a rebuild and the projection's pointer (same table) in one transaction.
 */
export class DynamoDbRebuildStatusStore implements RebuildStatusStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async begin(status: RebuildStatus): Promise<boolean> {
    const lock = { rebuildId: status.rebuildId, open: true };
    try {
      await this.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...rebuildKey(status.projection, status.rebuildId), ...values({ ...status }) },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...lockKey(status.projection), ...values(lock) },
                ConditionExpression: 'attribute_not_exists(pk) OR #open = :closed',
                ExpressionAttributeNames: { '#open': 'open' },
                ExpressionAttributeValues: values({ ':closed': false }),
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
  }

  async get(projection: string, rebuildId: string): Promise<RebuildStatus | undefined> {
    const item = await this.read(rebuildKey(projection, rebuildId));
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, ...status } = item;
    return status as RebuildStatus;
  }

  async latest(projection: string): Promise<RebuildStatus | undefined> {
    const lock = await this.read(lockKey(projection));
    return lock ? this.get(projection, String(lock.rebuildId)) : undefined;
  }

  async update(
    projection: string,
    rebuildId: string,
    change: RebuildChange,
    options: { readonly release?: boolean; readonly from?: readonly RebuildState[] } = {},
  ): Promise<boolean> {
    const input = this.statusUpdate(projection, rebuildId, change, options.from ?? []);
    const changed = await conditionally(() => this.client.send(new UpdateItemCommand(input)));
    if (changed && options.release) await this.release(projection, rebuildId);
    return changed;
  }

  async updateWithPointer(
    pointer: ProjectionPointer,
    expectedRevision: number,
    rebuildId: string,
    change: RebuildChange,
    options: { readonly release?: boolean; readonly from: readonly RebuildState[] },
  ): Promise<boolean> {
    const { projection } = pointer;
    try {
      await this.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: pointerPut(this.tableName, pointer, expectedRevision) },
            { Update: this.statusUpdate(projection, rebuildId, change, options.from) },
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
    if (options.release) await this.release(projection, rebuildId);
    return true;
  }

  /** The conditional update of a rebuild item: only while it exists and, with `from`, is in one of those states. */
  private statusUpdate(
    projection: string,
    rebuildId: string,
    change: RebuildChange,
    from: readonly RebuildState[],
  ) {
    const entries = Object.entries(change).filter(([, value]) => value !== undefined);
    const states = from.map((_, i) => `:from${i}`);
    return {
      TableName: this.tableName,
      Key: rebuildKey(projection, rebuildId),
      UpdateExpression: `SET ${['#rebuildId = :rebuildId', ...entries.map(([name]) => `#${name} = :${name}`)].join(', ')}`,
      ConditionExpression:
        states.length > 0
          ? `attribute_exists(pk) AND #state IN (${states.join(', ')})`
          : 'attribute_exists(pk)',
      ExpressionAttributeNames: {
        '#rebuildId': 'rebuildId',
        ...(states.length > 0 ? { '#state': 'state' } : {}),
        ...Object.fromEntries(entries.map(([name]) => [`#${name}`, name])),
      },
      ExpressionAttributeValues: values({
        ':rebuildId': rebuildId,
        ...Object.fromEntries(entries.map(([name, value]) => [`:${name}`, value])),
        ...Object.fromEntries(from.map((state, i) => [`:from${i}`, state])),
      }),
    };
  }

  private async release(projection: string, rebuildId: string): Promise<void> {
    await conditionally(() =>
      this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: lockKey(projection),
          UpdateExpression: 'SET #open = :closed',
          ConditionExpression: 'rebuildId = :id',
          ExpressionAttributeNames: { '#open': 'open' },
          ExpressionAttributeValues: values({ ':closed': false, ':id': rebuildId }),
        }),
      ),
    );
  }

  private async read(key: ReturnType<typeof controlKey>) {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return Item ? unmarshall(Item) : undefined;
  }
}
