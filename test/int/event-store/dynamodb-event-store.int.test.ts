import { DynamoDbEventStore } from '../../../src/infrastructure/dynamodb/event-store';
import { ensureEventStoreTables } from '../../../src/infrastructure/dynamodb/tables';
import { useDynamoDbFixture } from '../../support/dynamodb-fixture';
import { eventStoreContract } from '../../support/event-store-contract';

describe('DynamoDbEventStore on DynamoDB Local', () => {
  const ddb = useDynamoDbFixture({ tablePrefix: 'contract-' });
  let tables = 0;

  /** Each contract case gets its own empty tables, so read-all sees exactly what the case wrote. */
  async function freshStore(): Promise<DynamoDbEventStore> {
    tables += 1;
    const names = {
      eventsTable: `contract-${tables}-events`,
      snapshotsTable: `contract-${tables}-snapshots`,
      controlTable: `contract-${tables}-control`,
    };
    await ensureEventStoreTables(ddb().client, names);
    return new DynamoDbEventStore(ddb().client, { ...names, timeIndexShards: 4 });
  }

  eventStoreContract('DynamoDB', freshStore);
});
