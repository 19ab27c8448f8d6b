import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import type { Container } from 'inversify';
import {
  createDynamoDbClient,
  createKinesisClient,
  createSqsClient,
} from '../../src/infrastructure/aws/clients';
import { createEventfoldContainer } from '../../src/infrastructure/container/create-container';
import { disposeEventfoldContainer } from '../../src/infrastructure/container/dispose-container';
import { type EventfoldApp, projectionNames } from '../../src/infrastructure/container/eventfold-app';
import type { EventfoldConfig } from '../../src/infrastructure/config';
import { projectionConsumer } from '../../src/infrastructure/lambda/projection-consumer';
import { replayIterator } from '../../src/infrastructure/lambda/replay-iterator';
import { startDynamoDbLocal } from '../../src/infrastructure/local/dynamodb-local';
import { startKinesalite } from '../../src/infrastructure/local/kinesalite-server';
import type { EventSourceMapping } from '../../src/infrastructure/local/runtime/event-source-mapping';
import type {
  BatchHandler,
  ShardSource,
} from '../../src/infrastructure/local/runtime/event-source-mapping-types';
import {
  eventsStreamArn,
  provisionEventStore,
  provisionReadModels,
} from '../../src/infrastructure/local/runtime/provision';
import {
  createRuntimeConfig,
  LOCAL_ITERATOR_ARN,
} from '../../src/infrastructure/local/runtime/runtime-config';
import type { MappingSettings } from '../../src/infrastructure/local/runtime/runtime-mappings';
import { StopStack } from '../../src/infrastructure/local/runtime/stop-stack';
import { startLocalSqs } from '../../src/infrastructure/local/sqs-server';
import { startLocalStepFunctions } from '../../src/infrastructure/local/stepfunctions-server';
import type { LambdaHandler } from '../../src/infrastructure/local/stepfunctions-tasks';
import { startComposedMappings } from './composed-mappings';

/** Which Kinesis stream a consumer mapping reads. */
export type ConsumedStream = 'projection' | 'replay';

/** A Kinesis event source as the consumer mappings poll it. */
export type KinesisSource = ShardSource<KinesisStreamRecord>;

/** The projection consumer as the mappings call it. */
export type ConsumerHandler = BatchHandler<{ Records: KinesisStreamRecord[] }>;

/** Options of a runtime assembled from the embedded runtime's parts, with places to put faults in. */
export interface ComposedRuntimeOptions {
  readonly app: EventfoldApp;
  /**
   * Use a DynamoDB Local / kinesalite already running elsewhere (another process); started here when absent.
   * `stepFunctions`: a local Step Functions endpoint elsewhere too; whoever runs it routes the replay state
   * machine's iterator task to this runtime's `replayIterator`.
   */
  readonly external?: {
    readonly dynamodb: string;
    readonly kinesis: string;
    readonly stepFunctions?: string;
  };
  /** `EVENTFOLD_*` names of tables and streams (the defaults when absent). */
  readonly env?: NodeJS.ProcessEnv;
  readonly shards?: number;
  readonly mappings?: MappingSettings;
  /** Which mappings run: the forwarder and the two consumers (all when absent). */
  readonly run?: { readonly forwarder?: boolean; readonly projection?: boolean; readonly replay?: boolean };
  /** Wraps the Kinesis sources the consumers poll (delivery faults). */
  readonly wrapSource?: (source: KinesisSource, stream: ConsumedStream) => KinesisSource;
  /** Wraps the consumer handler (crashes). */
  readonly wrapConsumer?: (handler: ConsumerHandler, stream: ConsumedStream) => ConsumerHandler;
  readonly onError?: (where: string, error: unknown) => void;
}

/** The running runtime: its configuration, the container the handlers resolve from, and the mappings. */
export interface ComposedRuntime {
  readonly config: EventfoldConfig;
  readonly container: Container;
  readonly mappings: readonly EventSourceMapping[];
  /** The replay iterator Lambda, resolved from this runtime's container (the state machine's task). */
  readonly replayIterator: LambdaHandler;
  /** The projection consumer Lambda, resolved from this runtime's container, for a mapping that runs elsewhere. */
  readonly projectionConsumer: LambdaHandler;
  stop(): Promise<void>;
}

async function startStores(options: ComposedRuntimeOptions, stops: StopStack) {
  if (options.external) return { dynamodb: options.external.dynamodb, kinesis: options.external.kinesis };
  const [dynamodb, kinesis] = await Promise.all([startDynamoDbLocal(), startKinesalite()]);
  stops.push(() => dynamodb.stop());
  stops.push(() => kinesis.stop());
  return { dynamodb: dynamodb.endpoint, kinesis: kinesis.endpoint };
}

/** The Step Functions endpoint: the external one, or a local engine started here that calls `iterator`. */
async function startStepFunctions(
  options: ComposedRuntimeOptions,
  iterator: LambdaHandler,
  stops: StopStack,
) {
  if (options.external?.stepFunctions) return options.external.stepFunctions;
  const sfn = await startLocalStepFunctions({ lambdaHandlers: { [LOCAL_ITERATOR_ARN]: iterator } });
  stops.push(() => sfn.stop());
  return sfn.endpoint;
}

/**
 * The embedded runtime's parts put together without the HTTP front: DynamoDB Local and kinesalite (or external
 * ones), local SQS and Step Functions, the tables and streams from the deployment's definitions, the composition
 * root, and the event source mappings calling the same Lambda handlers, with hooks to wrap sources and consumers.
 */
export async function startComposedRuntime(options: ComposedRuntimeOptions): Promise<ComposedRuntime> {
  const stops = new StopStack();
  try {
    const late: { container?: Container } = {};
    const handler = replayIterator(() => late.container!);
    const iterator: LambdaHandler = (input) => handler(input);
    const stores = await startStores(options, stops);
    const [sqs, stepFunctions] = await Promise.all([
      startLocalSqs(),
      startStepFunctions(options, iterator, stops),
    ]);
    stops.push(() => sqs.stop());
    const endpoints = { region: 'us-east-1', ...stores, sqs: sqs.endpoint, stepFunctions };
    const { config, mappingFailuresQueueUrl } = await createRuntimeConfig(endpoints, options.env);
    const dynamodb = createDynamoDbClient(endpoints);
    const kinesis = createKinesisClient(endpoints);
    const sqsClient = createSqsClient(endpoints);
    stops.push(async () => [dynamodb, kinesis, sqsClient].forEach((c) => c.destroy()));
    const shards = options.shards ?? 2;
    await provisionEventStore(dynamodb, kinesis, config, {
      projectionStreamShards: shards,
      replayStreamShards: shards,
    });
    await provisionReadModels(dynamodb, config, projectionNames(options.app));
    const container = createEventfoldContainer({ app: options.app, config });
    late.container = container;
    stops.push(async () => disposeEventfoldContainer(container));
    const mappings = startComposedMappings(container, {
      ...options,
      eventsStreamArn: await eventsStreamArn(dynamodb, config),
      mappingFailuresQueueUrl,
      sqs: sqsClient,
    });
    stops.push(() => Promise.all(mappings.map((m) => m.stop())));
    const consume = projectionConsumer(() => container);
    return {
      config,
      container,
      mappings,
      replayIterator: iterator,
      projectionConsumer: (input) => consume(input as KinesisStreamEvent),
      stop: () => stops.stopAll(),
    };
  } catch (error) {
    await stops.stopAll();
    throw error;
  }
}
