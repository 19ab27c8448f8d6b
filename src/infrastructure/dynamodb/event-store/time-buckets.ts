import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { ControlTableKeys } from '../tables/control-table';
import { queryPages, type ReadCounter } from './stream-reader';

/** A time bucket that holds events, with the number of write shards its events are spread over. */
export interface TimeBucket {
  readonly bucket: string;
  readonly shards: number;
}

const CACHED_BUCKETS = 48;

/**
 * The registry of the time buckets that hold events, kept in the control table under
 * `pk = time-buckets#<events table>`, `sk = <hour bucket>` (for example `2026-11-22T14`).
 *
 * Why: "read all" must find the first bucket that holds events without querying every hour since 1970, and
 * must skip empty hours. A writer registers a bucket once, BEFORE it writes the first event into it (so a
 * reader that can see an event can also see its bucket), and remembers it in memory, so the registry costs one
 * conditional put per writer process and hour. The marker also fixes the bucket's shard count: a writer whose
 * configuration says otherwise follows the marker, so changing `timeIndexShards` never hides events from
 * readers. The registry is one partition key written a few times an hour, never a hot key.
 */
export class TimeBucketRegistry {
  private readonly known = new Map<string, Promise<number>>();
  private readonly pk: string;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly controlTable: string,
    eventsTable: string,
    private readonly defaultShards: number,
  ) {
    this.pk = `time-buckets#${eventsTable}`;
  }

  /** The shard count of a bucket, registering the bucket first if this process has not seen it yet. */
  shardsFor(bucket: string): Promise<number> {
    let shards = this.known.get(bucket);
    if (!shards) {
      shards = this.register(bucket);
      shards.catch(() => this.known.delete(bucket));
      this.known.set(bucket, shards);
      if (this.known.size > CACHED_BUCKETS) this.known.delete(this.known.keys().next().value as string);
    }
    return shards;
  }

  /** The registered buckets from `fromBucket` on, oldest first (strongly consistent). */
  async *bucketsFrom(fromBucket: string, counter: ReadCounter): AsyncGenerator<TimeBucket> {
    const pages = queryPages(
      this.client,
      {
        TableName: this.controlTable,
        KeyConditionExpression: '#pk = :pk AND #sk >= :from',
        ExpressionAttributeNames: { '#pk': ControlTableKeys.partitionKey, '#sk': ControlTableKeys.sortKey },
        ExpressionAttributeValues: marshall({ ':pk': this.pk, ':from': fromBucket }),
        ConsistentRead: true,
      },
      counter,
    );
    for await (const items of pages) {
      for (const item of items) {
        const record = unmarshall(item) as { sk: string; shards: number };
        yield { bucket: record.sk, shards: record.shards };
      }
    }
  }

  private async register(bucket: string): Promise<number> {
    const key = { [ControlTableKeys.partitionKey]: this.pk, [ControlTableKeys.sortKey]: bucket };
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.controlTable,
          Item: marshall({ ...key, shards: this.defaultShards, registeredAt: new Date().toISOString() }),
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': ControlTableKeys.partitionKey },
        }),
      );
      return this.defaultShards;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.controlTable, Key: marshall(key), ConsistentRead: true }),
    );
    return Number(Item?.shards?.N ?? this.defaultShards);
  }
}
