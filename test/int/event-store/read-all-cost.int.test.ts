import { DynamoDbEventStore } from '../../../src/infrastructure/dynamodb/event-store';
import { useDynamoDbFixture } from '../../support/dynamodb-fixture';
import { appendCommit, newEvents, readAllEvents, uniqueStream } from '../../support/event-store-contract';

describe('reading the global order from an 8-shard time index', () => {
  const ddb = useDynamoDbFixture({ tablePrefix: 'read-cost-', timeIndexShards: 8 });

  it('reads about one item per event delivered, not one per shard', async () => {
    const store = new DynamoDbEventStore(ddb().client, ddb().config);
    const writers = Array.from({ length: 16 }, async () => {
      for (let commit = 0; commit < 25; commit++) {
        await store.commit(appendCommit(uniqueStream(), 0, newEvents(4)));
      }
    });
    await Promise.all(writers);
    const before = store.reads.itemsRead;
    const { events, pages } = await readAllEvents(store, { limit: 100 });
    const itemsRead = store.reads.itemsRead - before;
    console.info(`read-all of ${events.length} events in ${pages} pages read ${itemsRead} items`);
    expect(events).toHaveLength(1_600);
    // Each page reads its events, one more to know whether anything follows, and at most one partly used page
    // of 16 items per shard: 100 + 1 + 8 x 16 = 229 items for 100 events, at most. Reading `limit` per shard
    // would be 808.
    expect(itemsRead).toBeLessThanOrEqual(pages * 229);
    expect(itemsRead).toBeLessThan(events.length * 2.3);
  }, 120_000);
});
