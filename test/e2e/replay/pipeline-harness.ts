import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { CreateStateMachineCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { FlipGate } from '../../../src/application/rebuild/rebuild-gate';
import { RebuildService } from '../../../src/application/rebuild/rebuild-service';
import { ReplayService } from '../../../src/application/replay/replay-service';
import { clientConfig } from '../../../src/infrastructure/aws/aws-config';
import { createKinesisClient, createSfnClient } from '../../../src/infrastructure/aws/clients';
import { readModelTableName } from '../../../src/infrastructure/config';
import { DynamoDbProjectionPointerStore } from '../../../src/infrastructure/dynamodb/control/dynamodb-pointer-store';
import { DynamoDbRebuildStatusStore } from '../../../src/infrastructure/dynamodb/control/dynamodb-rebuild-status-store';
import { DynamoDbReplayStatusStore } from '../../../src/infrastructure/dynamodb/control/dynamodb-replay-status-store';
import { DynamoDbSlotClear } from '../../../src/infrastructure/dynamodb/control/dynamodb-slot-clear';
import { DynamoDbSlotVersions } from '../../../src/infrastructure/dynamodb/control/dynamodb-slot-versions';
import { DynamoDbEventStore } from '../../../src/infrastructure/dynamodb/event-store';
import {
  DynamoDbReadModelReader,
  DynamoDbReadModelStore,
  tableOfConfig,
} from '../../../src/infrastructure/dynamodb/read-models';
import { ensureTable } from '../../../src/infrastructure/dynamodb/tables/create-tables';
import { readModelTableDefinition } from '../../../src/infrastructure/dynamodb/tables/read-model-table';
import { handleStreamBatch } from '../../../src/infrastructure/forwarder/handle-stream-batch';
import { KinesisPublisher } from '../../../src/infrastructure/kinesis/kinesis-publisher';
import { handleProjectionBatch } from '../../../src/infrastructure/kinesis/projection-batch-handler';
import { startKinesalite, type KinesaliteServer } from '../../../src/infrastructure/local/kinesalite-server';
import {
  startEventSourceMapping,
  type EventSourceMapping,
} from '../../../src/infrastructure/local/runtime/event-source-mapping';
import { dynamoDbStreamSource } from '../../../src/infrastructure/local/runtime/event-source-mapping-dynamodb';
import { kinesisStreamSource } from '../../../src/infrastructure/local/runtime/event-source-mapping-kinesis';
import {
  startLocalStepFunctions,
  type LocalStepFunctionsServer,
} from '../../../src/infrastructure/local/stepfunctions-server';
import { iterate } from '../../../src/infrastructure/stepfunctions/replay-iterator';
import { replayStateMachineDefinition } from '../../../src/infrastructure/stepfunctions/replay-definition';
import { replayStreamPublishers } from '../../../src/infrastructure/stepfunctions/replay-publishers';
import { StepFunctionsReplayWorkflow } from '../../../src/infrastructure/stepfunctions/sfn-replay-workflow';
import { ProjectionRunner } from '../../../src/projections/projection-runner';
import { InMemoryDeadLetters } from '../../../src/projections/redrive';
import { InMemoryAnswerJournal } from '../../../src/projections/side-effects';
import { startDynamoDbFixture, type DynamoDbFixture } from '../../support/dynamodb-fixture';
import { createStream } from '../../support/kinesis-fixture';
import { Counters, countersRegistry } from './counters';

const region = 'us-east-1';
const ITERATOR_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:eventfold-replay-iterator';

/** The whole pipeline on one machine: store, forwarder, both streams, the consumer, replays and rebuilds. */
export interface Pipeline {
  readonly ddb: DynamoDbFixture;
  readonly kinesis: KinesisClient;
  readonly sfn: SFNClient;
  readonly sfnServer: LocalStepFunctionsServer;
  readonly events: DynamoDbEventStore;
  readonly replays: ReplayService;
  readonly rebuilds: RebuildService;
  readonly pointers: DynamoDbProjectionPointerStore;
  readonly reader: DynamoDbReadModelReader;
  readonly deadLetters: InMemoryDeadLetters;
  readonly mappings: readonly EventSourceMapping[];
  readonly stop: () => Promise<void>;
}

/** Options: shards per Kinesis stream, the history budget of replays, whether consumers run. */
export interface PipelineOptions {
  readonly shards?: number;
  readonly historyBudget?: number;
  readonly historyLimit?: number;
  readonly consumers?: boolean;
  /** Write shards of the event store's time index; default 0 (none: replays scan the table). */
  readonly timeIndexShards?: number;
}

let warnings = 0;
const consumerLog = {
  warn: (message: string, context?: Record<string, unknown>) => {
    if ((warnings += 1) <= 5) console.warn(`consumer: ${message} ${JSON.stringify(context)}`);
  },
};

async function startMappings(
  ddb: DynamoDbFixture,
  kinesis: KinesisClient,
  runner: ProjectionRunner,
  pointers: DynamoDbProjectionPointerStore,
  consumers: boolean,
) {
  const { config } = ddb;
  const { Table } = await ddb.client.send(new DescribeTableCommand({ TableName: config.eventsTable }));
  const streams = new DynamoDBStreamsClient(clientConfig(config.endpoints, config.endpoints.dynamodb));
  const publisher = new KinesisPublisher(kinesis, config.projectionStream);
  const onError = (error: unknown, at: { mapping: string }) =>
    console.warn(`${at.mapping}: ${String(error)}`);
  const common = { batchSize: 500, pollIntervalMs: 100, retryBackoffMs: 100, maxRetryAttempts: 50, onError };
  const mappings = [
    startEventSourceMapping({
      ...common,
      name: 'forwarder',
      source: dynamoDbStreamSource(streams, Table?.LatestStreamArn as string, region),
      handler: (event) => handleStreamBatch(event as never, { publisher }),
    }),
  ];
  if (consumers) {
    for (const stream of [config.projectionStream, config.replayStream]) {
      mappings.push(
        startEventSourceMapping({
          ...common,
          name: `consumer:${stream}`,
          source: kinesisStreamSource(kinesis, stream, region),
          handler: (event) =>
            handleProjectionBatch(event as never, { runner, pointers, logger: consumerLog }),
        }) as never,
      );
    }
  }
  return { mappings, streams };
}

/** Starts every emulator and every moving part of the pipeline, with the SAME handlers as on AWS. */
export async function startPipeline(options: PipelineOptions = {}): Promise<Pipeline> {
  const [ddb, kinesisServer]: [DynamoDbFixture, KinesaliteServer] = await Promise.all([
    startDynamoDbFixture({ tablePrefix: 'e2e-', timeIndexShards: options.timeIndexShards }),
    startKinesalite(),
  ]);
  const { config, client } = ddb;
  const kinesis = createKinesisClient({ region, kinesis: kinesisServer.endpoint });
  const shards = options.shards ?? 4;
  await Promise.all([
    createStream(kinesis, config.projectionStream, shards),
    createStream(kinesis, config.replayStream, shards),
  ]);
  await Promise.all(
    (['blue', 'green'] as const).map((slot) =>
      ensureTable(client, readModelTableDefinition(readModelTableName(config, 'counters', slot))),
    ),
  );
  const events = new DynamoDbEventStore(client, config);
  const tableOf = tableOfConfig(config);
  const pointers = new DynamoDbProjectionPointerStore(client, config.controlTable);
  const deadLetters = new InMemoryDeadLetters();
  const runner = new ProjectionRunner({
    projections: [new Counters()],
    registry: countersRegistry(),
    store: new DynamoDbReadModelStore(client, tableOf),
    eventStore: events,
    deadLetters,
    journal: new InMemoryAnswerJournal(),
    pointers,
  });
  const statuses = new DynamoDbReplayStatusStore(client, config.controlTable);
  const rebuildStatuses = new DynamoDbRebuildStatusStore(client, config.controlTable);
  const publisherFor = replayStreamPublishers(kinesis, config.replayStream);
  const gate = new FlipGate({
    pointers,
    statuses: rebuildStatuses,
    versions: new DynamoDbSlotVersions(client, tableOf),
    events,
    publisherFor,
  });
  const sfnServer = await startLocalStepFunctions({
    lambdaHandlers: {
      [ITERATOR_ARN]: (input) => iterate(input, { events, statuses, publisherFor, gate, gateWaitSeconds: 1 }),
    },
    historyLimit: options.historyLimit,
  });
  const sfn = createSfnClient({ region, stepFunctions: sfnServer.endpoint });
  const definition = replayStateMachineDefinition(ITERATOR_ARN);
  const created = await sfn.send(
    new CreateStateMachineCommand({
      name: 'eventfold-replay',
      definition,
      roleArn: 'arn:aws:iam::000000000000:role/local',
    }),
  );
  const replays = new ReplayService(
    statuses,
    new StepFunctionsReplayWorkflow(sfn, created.stateMachineArn as string),
  );
  const reset = new DynamoDbSlotClear(client, tableOf, { pointers });
  const rebuilds = new RebuildService({
    catchUp: gate,
    pointers,
    statuses: rebuildStatuses,
    reset,
    replays,
    historyBudget: options.historyBudget,
  });
  const { mappings, streams } = await startMappings(
    ddb,
    kinesis,
    runner,
    pointers,
    options.consumers ?? true,
  );
  const stop = async () => {
    await Promise.all(mappings.map((m) => m.stop()));
    await sfnServer.stop();
    [sfn, kinesis, streams].forEach((c) => c.destroy());
    await Promise.all([ddb.stop(), kinesisServer.stop()]);
  };
  const reader = new DynamoDbReadModelReader(client, tableOf);
  return {
    ddb,
    kinesis,
    sfn,
    sfnServer,
    events,
    replays,
    rebuilds,
    pointers,
    reader,
    deadLetters,
    mappings,
    stop,
  };
}
