import type { StoredEvent } from '../../src/domain/stored-event';
import {
  CoreTokens,
  ProjectionTokens,
  WriteTokens,
  createEventfoldContainer,
  defineEventfoldApp,
  projectionNames,
  resolve,
} from '../../src/infrastructure/container';
import { configFromEnv, type EventfoldConfig } from '../../src/infrastructure/config';
import { ensureEventStoreTables } from '../../src/infrastructure/dynamodb/tables';
import { handleProjectionBatch } from '../../src/infrastructure/kinesis/projection-batch-handler';
import { provisionReadModels } from '../../src/infrastructure/local/runtime/provision';
import { allExampleProjections, exampleBindings, examplesDomain } from '../../examples';
import { kinesisEventOf } from '../../test/support/kinesis-events';
import { eventfoldSubject } from '../subjects/eventfold-subject';
import type { CostSubject } from './cost-subject';
import { meteredClient } from './metered-client';

/** The example app the local runtime serves: the three example domains and their projections. */
const exampleApp = () =>
  defineEventfoldApp({
    domain: examplesDomain,
    projections: allExampleProjections,
    bindings: exampleBindings,
  });

/** The time-bucket registry's markers (one conditional put per writer process and hour) are left out. */
const timeBucketMarker = (config: EventfoldConfig) => (_: string, input: Record<string, unknown>) =>
  input.TableName === config.controlTable && JSON.stringify(input).includes('time-buckets#');

/**
 * eventfold as the example app deploys it: the container's command bus for the bank commands, the container's
 * event store for appends and reads, and the container's projection consumer over the example app's projections
 * for the fan-out, all on one metered DynamoDB client.
 */
export async function eventfoldCostSubject(endpoint: string, prefix = 'cost-ef-'): Promise<CostSubject> {
  const app = exampleApp();
  const config: EventfoldConfig = {
    ...configFromEnv({}),
    endpoints: { region: 'us-east-1', dynamodb: endpoint },
    eventsTable: `${prefix}events`,
    snapshotsTable: `${prefix}snapshots`,
    controlTable: `${prefix}control`,
    readModelTablePrefix: `${prefix}rm-`,
    deadLetterQueueUrl: 'http://127.0.0.1:9/queue/unused',
    // A steady rate: the consumer's container holds the pointers it read for the set-up's fan-out (at most one read
    // per projection per `pointerCacheMs`, 3 s by default); long here so that a slow machine meters the same.
    pointerCacheMs: 600_000,
  };
  const { client, meter, close } = meteredClient(
    { region: 'us-east-1', dynamodb: endpoint },
    timeBucketMarker(config),
  );
  const container = createEventfoldContainer({ app, config });
  container.rebindSync(CoreTokens.dynamodb).toConstantValue(client);
  await ensureEventStoreTables(client, config);
  await provisionReadModels(client, config, projectionNames(app));
  meter.reset();
  const bus = resolve(container, WriteTokens.commandBus);
  const store = resolve(container, WriteTokens.eventStore);
  const appender = eventfoldSubject(store, { vouched: true });
  const pending: StoredEvent[] = [];
  const dispatch = async (name: string, input: object) => {
    pending.push(...(await bus.dispatch(name, input)).events);
  };
  return {
    name: 'eventfold',
    meter,
    openAccount: (accountId, openingBalance) =>
      dispatch('OpenAccount', { accountId, holderName: `Holder of ${accountId}`, openingBalance }),
    renameHolder: (accountId, holderName) => dispatch('ChangeHolderName', { accountId, holderName }),
    pay: (accountId, payeeAccountId, paymentId, amount) =>
      dispatch('Pay', { accountId, payeeAccountId, paymentId, amount }),
    append: (stream, expectedVersion, count) => appender.append(stream, expectedVersion, count),
    async readStream(stream) {
      let count = 0;
      for await (const _ of store.readStream(stream)) count += 1;
      return count;
    },
    async fanOut() {
      const batch = kinesisEventOf(pending.splice(0));
      const result = await handleProjectionBatch(batch, resolve(container, ProjectionTokens.consumerDeps));
      if (result.batchItemFailures.length > 0) throw new Error('the projection consumer failed a record');
    },
    async close() {
      close();
    },
  };
}
