import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { CreateStateMachineCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { ReplayService } from '../../../src/application/replay/replay-service';
import type { PageLimits } from '../../../src/application/replay/replay-page';
import type { RebuildGate } from '../../../src/application/replay/replay-step';
import type { NewEvent, StoredEvent } from '../../../src/domain/stored-event';
import { createKinesisClient, createSfnClient } from '../../../src/infrastructure/aws/clients';
import { DynamoDbReplayStatusStore } from '../../../src/infrastructure/dynamodb/control/dynamodb-replay-status-store';
import { DynamoDbEventStore } from '../../../src/infrastructure/dynamodb/event-store';
import type { RecordEnvelope } from '../../../src/infrastructure/kinesis/record-envelope';
import { startKinesalite, type KinesaliteServer } from '../../../src/infrastructure/local/kinesalite-server';
import {
  startLocalStepFunctions,
  type LocalStepFunctionsServer,
} from '../../../src/infrastructure/local/stepfunctions-server';
import { iterate } from '../../../src/infrastructure/stepfunctions/replay-iterator';
import { replayStateMachineDefinition } from '../../../src/infrastructure/stepfunctions/replay-definition';
import { replayStreamPublishers } from '../../../src/infrastructure/stepfunctions/replay-publishers';
import { StepFunctionsReplayWorkflow } from '../../../src/infrastructure/stepfunctions/sfn-replay-workflow';
import { startDynamoDbFixture, type DynamoDbFixture } from '../../support/dynamodb-fixture';
import { createStream, readAllShards } from '../../support/kinesis-fixture';

export const ITERATOR_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:eventfold-replay-iterator';

/** Everything a replay test runs on: DynamoDB Local, kinesalite, the local Step Functions endpoint. */
export interface ReplayHarness {
  readonly ddb: DynamoDbFixture;
  readonly kinesisServer: KinesaliteServer;
  readonly kinesis: KinesisClient;
  readonly sfnServer: LocalStepFunctionsServer;
  readonly sfn: SFNClient;
  readonly events: DynamoDbEventStore;
  readonly statuses: DynamoDbReplayStatusStore;
  readonly replays: ReplayService;
  readonly stateMachineArn: string;
  readonly replayStream: string;
  /** Lets a test make the next iterator calls fail. */
  faults: { failNext: number; delayMs: number };
  stop(): Promise<void>;
}

/** Options: shards of the replay stream, the history limit the local engine enforces, a rebuild gate. */
export interface HarnessOptions {
  readonly replayShards?: number;
  readonly historyLimit?: number;
  readonly gate?: () => RebuildGate | undefined;
  readonly gateWaitSeconds?: number;
  readonly pageLimits?: PageLimits;
}

/** Starts the emulators, the replay stream, the local Step Functions endpoint and the replay state machine. */
export async function startReplayHarness(options: HarnessOptions = {}): Promise<ReplayHarness> {
  const [ddb, kinesisServer] = await Promise.all([
    startDynamoDbFixture({ tablePrefix: 'rp-' }),
    startKinesalite(),
  ]);
  const kinesis = createKinesisClient({ region: 'us-east-1', kinesis: kinesisServer.endpoint });
  const replayStream = ddb.config.replayStream;
  await createStream(kinesis, replayStream, options.replayShards ?? 4);
  const events = new DynamoDbEventStore(ddb.client, ddb.config);
  const statuses = new DynamoDbReplayStatusStore(ddb.client, ddb.config.controlTable);
  const faults = { failNext: 0, delayMs: 0 };
  const publisherFor = replayStreamPublishers(kinesis, replayStream);
  const handler = async (input: unknown) => {
    if (faults.failNext > 0 && (input as { action?: string }).action === 'step') {
      faults.failNext -= 1;
      throw new Error('injected iterator failure');
    }
    if (faults.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
    const gate = options.gate?.();
    const { pageLimits } = options;
    return iterate(input, {
      events,
      statuses,
      publisherFor,
      gate,
      pageLimits,
      gateWaitSeconds: options.gateWaitSeconds ?? 1,
    });
  };
  const sfnServer = await startLocalStepFunctions({
    lambdaHandlers: { [ITERATOR_ARN]: handler },
    historyLimit: options.historyLimit,
    retryIntervalMs: 50,
  });
  const sfn = createSfnClient({ region: 'us-east-1', stepFunctions: sfnServer.endpoint });
  const created = await sfn.send(
    new CreateStateMachineCommand({
      name: 'eventfold-replay',
      definition: replayStateMachineDefinition(ITERATOR_ARN),
      roleArn: 'arn:aws:iam::000000000000:role/local',
      type: 'STANDARD',
    }),
  );
  const stateMachineArn = created.stateMachineArn as string;
  const replays = new ReplayService(statuses, new StepFunctionsReplayWorkflow(sfn, stateMachineArn));
  const stop = async () => {
    await sfnServer.stop();
    sfn.destroy();
    kinesis.destroy();
    await Promise.all([ddb.stop(), kinesisServer.stop()]);
  };
  return {
    ddb,
    kinesisServer,
    kinesis,
    sfnServer,
    sfn,
    events,
    statuses,
    replays,
    stateMachineArn,
    replayStream,
    faults,
    stop,
  };
}

/** The local engine's executions of one replay (every execution's input names its replay id). */
export function executionsOf(h: ReplayHarness, replayId: string) {
  return h.sfnServer.engine.listExecutions(h.stateMachineArn).filter((e) => e.input.includes(replayId));
}

/** A new event of a test type. */
export function testEvent(n: number, data: Record<string, unknown> = {}): NewEvent {
  return {
    eventId: `e-${n}-${Math.random().toString(36).slice(2)}`,
    type: 'Counted',
    schemaVersion: 1,
    data: { n, ...data },
  };
}

/** One Kinesis record's envelope with the shard it was read from. */
export interface ReadEnvelope {
  readonly shardId: string;
  readonly envelope: RecordEnvelope;
}

/** Reads every record envelope of a stream, shard by shard, in shard order. */
export async function readEnvelopes(kinesis: KinesisClient, stream: string): Promise<ReadEnvelope[]> {
  const shards = await readAllShards(kinesis, stream);
  const decoder = new TextDecoder();
  return [...shards.entries()].flatMap(([shardId, records]) =>
    records.map((r) => ({ shardId, envelope: JSON.parse(decoder.decode(r.Data)) as RecordEnvelope })),
  );
}

/** The records (each a run of one stream's events) of one replay read back from the replay stream, per shard. */
export async function replayedRecords(
  h: ReplayHarness,
  replayId: string,
): Promise<Map<string, StoredEvent[][]>> {
  const perShard = new Map<string, StoredEvent[][]>();
  for (const { shardId, envelope } of await readEnvelopes(h.kinesis, h.replayStream)) {
    if (envelope.replay?.replayId !== replayId) continue;
    perShard.set(shardId, [...(perShard.get(shardId) ?? []), [...envelope.events]]);
  }
  return perShard;
}

/** The events of one replay read back from the replay stream, per shard in stream order. */
export async function replayedEvents(
  h: ReplayHarness,
  replayId: string,
): Promise<Map<string, StoredEvent[]>> {
  const records = await replayedRecords(h, replayId);
  return new Map([...records.entries()].map(([shard, runs]) => [shard, runs.flat()]));
}
