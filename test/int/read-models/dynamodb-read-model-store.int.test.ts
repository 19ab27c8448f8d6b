import {
  DynamoDbReadModelReader,
  DynamoDbReadModelStore,
} from '../../../src/infrastructure/dynamodb/read-models';
import { ensureTable } from '../../../src/infrastructure/dynamodb/tables/create-tables';
import { readModelTableDefinition } from '../../../src/infrastructure/dynamodb/tables/read-model-table';
import type { ReadModelTarget } from '../../../src/projections/read-model-store';
import { useDynamoDbFixture } from '../../support/dynamodb-fixture';
import { jointCommitContract } from '../../support/joint-commit-contract';
import { readModelStoreContract } from '../../support/read-model-store-contract';

describe('DynamoDB read models on DynamoDB Local', () => {
  const ddb = useDynamoDbFixture({ tablePrefix: 'rm-contract-' });
  const tableOf = (target: ReadModelTarget) => `rm-${target.projection}-${target.slot}`;
  let tables = 0;

  /** Each case gets its own empty table. */
  const make = async () => {
    tables += 1;
    const target: ReadModelTarget = { projection: `contract-${tables}`, slot: 'blue' };
    await ensureTable(ddb().client, readModelTableDefinition(tableOf(target)));
    const { client } = ddb();
    return {
      store: new DynamoDbReadModelStore(client, tableOf),
      reader: new DynamoDbReadModelReader(client, tableOf),
      target,
    };
  };
  readModelStoreContract('DynamoDB', make, { pagingRuns: 25 });
  jointCommitContract('DynamoDB', make, 40);
});
