import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { KinesisStreamRecord } from 'aws-lambda';
import fc from 'fast-check';
import { crashingConsumer } from '../../chaos/faults/consumer-crashes';
import { type DeliveryFaultCounts, faultyDelivery } from '../../chaos/faults/delivery-faults';
import { injectDynamoDbThrottling } from '../../chaos/faults/dynamodb-throttling';
import { seeded } from '../../chaos/faults/random';
import type { KinesisSource } from '../../chaos/runtime/composed-runtime';
import { ControlTableKeys } from '../../src/infrastructure/dynamodb/tables/control-table';
import { startDynamoDbFixture, type DynamoDbFixture } from '../support/dynamodb-fixture';

/** A shard of `count` records served `perRead` at a time, as the mapping reads it. */
function shardOf(count: number, perRead: number): KinesisSource {
  const records = Array.from(
    { length: count },
    (_, i) => ({ kinesis: { sequenceNumber: String(i).padStart(6, '0') } }) as KinesisStreamRecord,
  );
  return {
    arn: 'arn:test',
    kind: 'Kinesis',
    listShards: async () => [{ shardId: 's0' }],
    iterator: async () => '0',
    read: async (_shard, iterator) => {
      const at = Number(iterator);
      return {
        records: records.slice(at, at + perRead),
        nextIterator: String(Math.min(count, at + perRead)),
      };
    },
    sequenceNumberOf: (r) => r.kinesis.sequenceNumber,
    arrivalOf: () => 0,
    toEvent: (rs) => ({ Records: [...rs] }),
  };
}

describe('chaos fault injectors', () => {
  it('faulty delivery loses nothing: every record comes at least once, the faults are counted (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 2_000_000_000 }),
        async (count, perRead, seed) => {
          const counts: DeliveryFaultCounts = {
            duplicated: 0,
            dropped: 0,
            redelivered: 0,
            reorderedReads: 0,
          };
          const rates = { duplicate: 0.2, drop: 0.2, reorder: 0.5 };
          const source = faultyDelivery(shardOf(count, perRead), seeded(seed), rates, counts);
          const seen: string[] = [];
          let iterator = '0';
          for (let reads = 0; reads < count + 5; reads += 1) {
            const read = await source.read('s0', iterator, perRead);
            seen.push(...read.records.map((r) => r.kinesis.sequenceNumber));
            iterator = read.nextIterator ?? iterator;
          }
          expect(new Set(seen).size).toBe(count);
          expect(seen.length).toBe(count + counts.duplicated);
          // Redelivered are the dropped records plus the duplicates sent in a later batch.
          expect(counts.redelivered).toBeGreaterThanOrEqual(counts.dropped);
          expect(counts.redelivered).toBeLessThanOrEqual(counts.dropped + counts.duplicated);
        },
      ),
      { numRuns: 100, seed: 20261122 },
    );
  });

  it('a crashing consumer applies a prefix of the batch, then throws', async () => {
    const applied: number[] = [];
    const counts = { crashes: 0 };
    const handler = crashingConsumer(
      async (event) => {
        applied.push(event.Records.length);
        return { batchItemFailures: [] };
      },
      seeded(7),
      0,
      counts,
    );
    const records = shardOf(5, 5);
    const { records: batch } = await records.read('s0', '0', 5);
    await expect(handler({ Records: [...batch] })).rejects.toThrow(
      'injected crash after applying 1 of 5 records',
    );
    await expect(handler({ Records: [...batch] })).resolves.toEqual({ batchItemFailures: [] });
    expect(applied).toEqual([1, 5]);
    expect(counts.crashes).toBe(1);
  });

  describe('DynamoDB throttling on DynamoDB Local', () => {
    let ddb: DynamoDbFixture;
    beforeAll(async () => {
      ddb = await startDynamoDbFixture({ tablePrefix: 'chaos-' });
    }, 90_000);
    afterAll(async () => ddb?.stop());

    it('throttles writes before they are sent and lets the last attempt through, so nothing is lost', async () => {
      const counts = injectDynamoDbThrottling(ddb.client, seeded(1), 1);
      const table = ddb.config.controlTable;
      const keys = ['a', 'b', 'c'].map((id) => ({
        [ControlTableKeys.partitionKey]: `chaos#${id}`,
        [ControlTableKeys.sortKey]: 'x',
      }));
      for (const key of keys)
        await ddb.client.send(new PutItemCommand({ TableName: table, Item: marshall(key) }));
      for (const key of keys) {
        const { Item } = await ddb.client.send(new GetItemCommand({ TableName: table, Key: marshall(key) }));
        expect(Item).toBeDefined();
      }
      expect(counts).toEqual({ writeCalls: 3, throttled: 3 * 4 });
    }, 120_000);
  });
});
