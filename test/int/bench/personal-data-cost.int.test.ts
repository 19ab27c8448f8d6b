import { measurePersonalDataCosts } from '../../../bench/cost/personal-data-cost';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../src/infrastructure/local/dynamodb-local';

describe('the cost of personal data per command (issue 27)', () => {
  let local: DynamoDbLocal;
  beforeAll(async () => {
    local = await startDynamoDbLocal();
  }, 60_000);
  afterAll(() => local?.stop());

  it('sends the same events-table requests, a key read and create on first use only, one KMS call per subject', async () => {
    const costs = await measurePersonalDataCosts(local.endpoint);
    console.log(JSON.stringify(costs, null, 1));
    for (const name of ['RegisterMember', 'BorrowBook', 'ReturnBook']) {
      const [withPd, without] = [true, false].map((p) =>
        costs.commands.find((c) => c.command === name && c.personal === p),
      );
      expect(withPd!.events.byOperation).toEqual(without!.events.byOperation);
      expect(withPd!.events.wru).toBeGreaterThanOrEqual(without!.events.wru);
      expect(without!.keyRequests).toEqual({});
    }
    const cold = costs.commands.filter((c) => c.personal).map((c) => c.keyRequests);
    expect(cold).toEqual([{ GetItem: 1, PutItem: 1 }, {}, {}]);
    expect(costs.kms).toEqual({ commands: 1_000, subjects: 100, generate: 100, decrypt: 0 });
  }, 120_000);
});
