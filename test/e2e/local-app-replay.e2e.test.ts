import { OrderDocuments, ordersDomain } from '../../examples/orders';
import { CoreTokens } from '../../src/infrastructure/container/core-bindings';
import { defineEventfoldApp } from '../../src/infrastructure/container/eventfold-app';
import { resolve } from '../../src/infrastructure/container/tokens';
import { DynamoDbSlotClear } from '../../src/infrastructure/dynamodb/control/dynamodb-slot-clear';
import { tableOfConfig } from '../../src/infrastructure/dynamodb/read-models';
import { type LocalTestApp, localApp } from '../../src/infrastructure/local/runtime/local-app';

process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

const ORDERS = 20;
const lines = [{ sku: 'a', quantity: 1 }];
let app: LocalTestApp;

/** Empties the projection's active (blue) table on DynamoDB Local, as if its items were lost. */
async function loseDocuments(): Promise<void> {
  const { container, config } = app.runtime;
  const clear = new DynamoDbSlotClear(resolve(container, CoreTokens.dynamodb), tableOfConfig(config));
  await clear.reset({ projection: 'order-documents', slot: 'blue' });
}

/** Documents not readable, the last replayed first (the replay consumer applies in commit order). */
async function missingDocuments(): Promise<number> {
  let missing = 0;
  for (let i = ORDERS - 1; i >= 0; i--)
    if ((await app.document(OrderDocuments, `Order#o${i}`)) === undefined) missing += 1;
  return missing;
}

beforeAll(async () => {
  // One record per batch: the replay consumer takes a while after the last page is published.
  const mappings = { batchSize: 1, pollIntervalMs: 100, retryBackoffMs: 50 };
  app = await localApp(defineEventfoldApp({ domain: ordersDomain, projections: [OrderDocuments] }), {
    mappings,
  });
}, 120_000);
afterAll(() => app?.stop(), 60_000);

describe('localApp.replay', () => {
  it('resolves only once the projections applied every replayed event', async () => {
    for (let i = 0; i < ORDERS; i++)
      await app.command('CreateOrder', { orderId: `o${i}`, customerId: 'c', lines });
    await app.settled();
    await loseDocuments();
    expect(await missingDocuments()).toBe(ORDERS);
    await app.replay({ kind: 'all' });
    // No settled() here: replay() itself waits for the replay consumer.
    expect(await missingDocuments()).toBe(0);
  }, 90_000);
});
