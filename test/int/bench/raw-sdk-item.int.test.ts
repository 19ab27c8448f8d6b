import { type AttributeValue, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { eventfoldSubject } from '../../../bench/subjects/eventfold-subject';
import { BENCH_TIME_INDEX_SHARDS, rawSdkSubject } from '../../../bench/subjects/raw-sdk-subject';
import { DynamoDbEventStore, itemSize } from '../../../src/infrastructure/dynamodb/event-store';
import { ensureTable, eventsTableDefinition } from '../../../src/infrastructure/dynamodb/tables';
import { useDynamoDbFixture } from '../../support/dynamodb-fixture';

type Item = Record<string, AttributeValue>;

/** What differs between two writes of the same event by nature: the ids and the commit time. */
const OWN = new Set(['eventId', 'commitId', 'committedAt']);

/** The item without its own ids and time; the time index keys keep their write shard and stream + version. */
function comparable(item: Item): Record<string, unknown> {
  const kept = Object.entries(item).filter(([name]) => !OWN.has(name));
  return Object.fromEntries(
    kept.map(([name, value]) => {
      if (name === 'timeBucket') return [name, value.S?.split('#')[1]];
      if (name === 'timePosition') return [name, value.S?.split('!').slice(1)];
      return [name, value];
    }),
  );
}

describe('the append bench baseline: the raw SDK subject writes the item eventfold writes', () => {
  const ddb = useDynamoDbFixture({ tablePrefix: 'bench-item-' });

  async function itemsOf(tableName: string, streamId: string): Promise<Item[]> {
    const { Items } = await ddb().client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'streamId = :s',
        ExpressionAttributeValues: marshall({ ':s': streamId }),
        ConsistentRead: true,
      }),
    );
    return Items ?? [];
  }

  it('same attributes, types, values, write shard and size, for single events and 10-event commits', async () => {
    const rawTable = 'bench-item-raw';
    await ensureTable(ddb().client, eventsTableDefinition(rawTable));
    const store = new DynamoDbEventStore(ddb().client, {
      ...ddb().config,
      timeIndexShards: BENCH_TIME_INDEX_SHARDS,
    });
    const subjects = [eventfoldSubject(store, { vouched: true }), rawSdkSubject(ddb().client, rawTable)];
    const streams = Array.from({ length: 6 }, (_, i) => `Bench#item-${i}`);
    for (const subject of subjects) {
      for (const stream of streams) {
        await subject.append(stream, 0, 1);
        await subject.append(stream, 1, 10);
      }
    }
    const shards = new Set<string | undefined>();
    for (const stream of streams) {
      const ours = await itemsOf(ddb().config.eventsTable, stream);
      const raw = await itemsOf(rawTable, stream);
      shards.add(raw[0]?.timeBucket?.S);
      expect(ours).toHaveLength(11);
      expect(raw.map(comparable)).toEqual(ours.map(comparable));
      expect(raw.map((item) => Object.keys(item).sort())).toEqual(
        ours.map((item) => Object.keys(item).sort()),
      );
      expect(raw.map(itemSize)).toEqual(ours.map(itemSize));
    }
    // The streams spread over more than one write shard, as eventfold's do.
    expect(shards.size).toBeGreaterThan(1);
  }, 30_000);
});
