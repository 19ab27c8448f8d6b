import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { LimitExceededError } from '../../../domain/domain-errors';
import type { SnapshotStore } from '../../../domain/ports';
import type { Snapshot } from '../../../domain/snapshots';
import { itemSize, MAX_ITEM_BYTES } from '../event-store/item-size';
import { SnapshotsTableKeys } from '../tables/snapshots-table';

/** Where the snapshot store keeps its data (the matching field of `EventfoldConfig`). */
export interface DynamoDbSnapshotStoreOptions {
  readonly snapshotsTable: string;
}

const marshallOptions = { removeUndefinedValues: true, convertClassInstanceToMap: true } as const;

/**
 * Keeps the latest snapshot per stream and tag in the snapshots table. A save never replaces a newer snapshot
 * (a conditional put on the version), so racing writers cannot move a snapshot backwards. Loads are eventually
 * consistent: a slightly older snapshot only means reading a few more events.
 * @example
 * const snapshots = new DynamoDbSnapshotStore(client, config);
 * const latest = await snapshots.load('Order#42', snapshotTagOf(Order));
 */
export class DynamoDbSnapshotStore implements SnapshotStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly options: DynamoDbSnapshotStoreOptions,
  ) {}

  async load(streamId: string, tag: string): Promise<Snapshot | undefined> {
    const key = { [SnapshotsTableKeys.partitionKey]: streamId, [SnapshotsTableKeys.sortKey]: tag };
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.options.snapshotsTable, Key: marshall(key) }),
    );
    if (!Item) return undefined;
    const record = unmarshall(Item) as Snapshot;
    return {
      streamId: record.streamId,
      tag: record.tag,
      version: record.version,
      state: record.state,
      takenAt: record.takenAt,
    };
  }

  /** Stores the snapshot unless one at the same or a later version exists; over 400 KB it throws `LimitExceededError`. */
  async save(snapshot: Snapshot): Promise<void> {
    const item = marshall({ ...snapshot }, marshallOptions);
    const bytes = itemSize(item);
    if (bytes > MAX_ITEM_BYTES) {
      throw new LimitExceededError('snapshot item size in bytes', MAX_ITEM_BYTES, bytes, {
        streamId: snapshot.streamId,
        version: snapshot.version,
      });
    }
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.options.snapshotsTable,
          Item: item,
          ConditionExpression: 'attribute_not_exists(#version) OR #version < :version',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: marshall({ ':version': snapshot.version }),
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
