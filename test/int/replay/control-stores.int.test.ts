import { DynamoDbProjectionPointerStore } from '../../../src/infrastructure/dynamodb/control/dynamodb-pointer-store';
import { DynamoDbRebuildStatusStore } from '../../../src/infrastructure/dynamodb/control/dynamodb-rebuild-status-store';
import { DynamoDbReplayStatusStore } from '../../../src/infrastructure/dynamodb/control/dynamodb-replay-status-store';
import { InMemoryPointerStore } from '../../../src/testing/in-memory-pointer-store';
import { InMemoryRebuildStatusStore } from '../../../src/testing/in-memory-rebuild-status-store';
import { InMemoryReplayStatusStore } from '../../../src/testing/in-memory-replay-status-store';
import { controlStoreContract } from '../../support/control-store-contract';
import { useDynamoDbFixture } from '../../support/dynamodb-fixture';

const ddb = useDynamoDbFixture({ tablePrefix: 'ctl-' });

// The control table's adapters, held to the contract and to the in-memory stores' answers (the in-memory app's
// rebuilds and replays run on those): a difference between the two fails here.
controlStoreContract(
  'control table',
  () => {
    const { client, config } = ddb();
    return {
      pointers: new DynamoDbProjectionPointerStore(client, config.controlTable),
      replays: new DynamoDbReplayStatusStore(client, config.controlTable),
      rebuilds: new DynamoDbRebuildStatusStore(client, config.controlTable),
    };
  },
  () => {
    const pointers = new InMemoryPointerStore();
    return {
      pointers,
      replays: new InMemoryReplayStatusStore(),
      rebuilds: new InMemoryRebuildStatusStore(pointers),
    };
  },
  { runs: Number(process.env.EVENTFOLD_CONTROL_RUNS ?? 25) },
);
