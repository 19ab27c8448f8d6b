import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { DynamoDbEventStore } from '../../../src/infrastructure/dynamodb/event-store';
import { ITEM_SHAPE_LIMITS } from '../../../src/infrastructure/dynamodb/event-store/item-shape';
import { useDynamoDbFixture } from '../../support/dynamodb-fixture';
import { appendCommit, newEvent, readWholeStream, uniqueStream } from '../../support/event-store-contract';

/** A value of `levels` maps and lists, one inside the other, chosen by `kinds` (true: a map, false: a list). */
function nested(kinds: readonly boolean[], leaf: unknown = 1): unknown {
  return kinds.reduceRight<unknown>((inner, isMap) => (isMap ? { n: inner } : [inner]), leaf);
}

describe('event item shape on DynamoDB Local (nesting and attribute name limits)', () => {
  const ddb = useDynamoDbFixture({ tablePrefix: 'shape-' });
  const store = () => new DynamoDbEventStore(ddb().client, ddb().config);

  /** Whether DynamoDB Local itself takes an item whose attribute `a` holds `value`. */
  async function dynamoDbTakes(value: unknown): Promise<boolean> {
    const item = marshall({ pk: 'shape', sk: randomUUID(), a: value });
    const put = new PutItemCommand({ TableName: ddb().config.controlTable, Item: item });
    return ddb()
      .client.send(put)
      .then(() => true)
      .catch((error: Error) => {
        if (!/nest|depth|name|attribute/i.test(error.message)) throw error;
        return false;
      });
  }

  it('holds data and metadata to exactly what DynamoDB takes: stored whole, or refused naming the limit and the field', async () => {
    const runs = { stored: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.boolean(), { minLength: 25, maxLength: 40 }),
        fc.constantFrom('data', 'metadata'),
        async (kinds, where) => {
          const value = nested(kinds);
          const streamId = uniqueStream();
          const event = { ...newEvent(), [where]: { deep: value } };
          const fits = kinds.length + 1 <= ITEM_SHAPE_LIMITS.maxDepth;
          expect(await dynamoDbTakes({ deep: value })).toBe(fits);
          const outcome = await store()
            .commit(appendCommit(streamId, 0, [event]))
            .then(
              () => 'stored',
              (error: { code?: string; context?: { field?: string; max?: number } }) => {
                expect(error.code).toBe('LIMIT_EXCEEDED');
                expect(error.context).toMatchObject({
                  max: ITEM_SHAPE_LIMITS.maxDepth,
                  streamId,
                  version: 1,
                });
                expect(error.context?.field).toMatch(new RegExp(`^${where}\\.deep`));
                return 'refused';
              },
            );
          expect(outcome).toBe(fits ? 'stored' : 'refused');
          expect((await readWholeStream(store(), streamId)).length).toBe(fits ? 1 : 0);
          runs[outcome as 'stored' | 'refused'] += 1;
        },
      ),
      { numRuns: 40 },
    );
    expect(runs.stored).toBeGreaterThan(0);
    expect(runs.refused).toBeGreaterThan(0);
  }, 60_000);

  it('stores an attribute name of 65,535 bytes and refuses one of 65,536 before writing anything', async () => {
    const longest = 'k'.repeat(ITEM_SHAPE_LIMITS.maxNameBytes);
    expect(await dynamoDbTakes({ [longest]: 1 })).toBe(true);
    expect(await dynamoDbTakes({ [`${longest}k`]: 1 })).toBe(false);
    const fits = uniqueStream();
    await store().commit(appendCommit(fits, 0, [newEvent('Deposited', { [longest]: 1 })]));
    expect((await readWholeStream(store(), fits)).length).toBe(1);
    const tooLong = uniqueStream();
    const refused = store().commit(
      appendCommit(tooLong, 0, [newEvent('Deposited', { list: [{ [`${longest}é`]: 1 }] })]),
    );
    await expect(refused).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      context: { limit: 'bytes in an attribute name', max: 65_535, actual: 65_537 },
    });
    await expect(refused).rejects.toMatchObject({
      context: { field: expect.stringMatching(/^data\.list\[0\]\.k+…$/) },
    });
    expect(await readWholeStream(store(), tooLong)).toEqual([]);
  }, 60_000);
});
