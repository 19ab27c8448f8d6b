import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBStreamEvent, KinesisStreamEvent } from 'aws-lambda';
import type { Container } from 'inversify';
import { join } from 'node:path';
import { clientConfig } from '../../aws/aws-config';
import { CoreTokens } from '../../container/core-bindings';
import { resolve } from '../../container/tokens';
import { processConsumer } from '../../lambda/process-consumer';
import { projectionConsumer } from '../../lambda/projection-consumer';
import { streamForwarder } from '../../lambda/stream-forwarder';
import { type EventSourceMapping, startEventSourceMapping } from './event-source-mapping';
import { fileCheckpoints, memoryCheckpoints } from './event-source-mapping-checkpoints';
import { dynamoDbStreamSource } from './event-source-mapping-dynamodb';
import { kinesisStreamSource } from './event-source-mapping-kinesis';
import type { ExhaustedBatch } from './event-source-mapping-types';

/** Settings shared by the runtime's mappings (the CDK construct's defaults when absent). */
export interface MappingSettings {
  readonly batchSize?: number;
  readonly maxRetryAttempts?: number;
  readonly bisectOnError?: boolean;
  readonly retryBackoffMs?: number;
  readonly pollIntervalMs?: number;
}

/** What the mappings need besides the container. */
export interface RuntimeMappingOptions {
  readonly eventsStreamArn: string;
  readonly mappingFailuresQueueUrl: string;
  readonly sqs: SQSClient;
  readonly dataDir?: string;
  readonly settings?: MappingSettings;
  readonly onError?: (mapping: string, error: unknown) => void;
}

/** The running mappings, and how to stop them (in-flight batches finish first). */
export interface RuntimeMappings {
  readonly mappings: readonly EventSourceMapping[];
  stop(): Promise<void>;
}

/** The message Lambda sends to a stream mapping's on-failure destination when a batch exhausts its retries. */
export function onFailureMessage(batch: ExhaustedBatch, functionName: string): Record<string, unknown> {
  const info = {
    shardId: batch.shardId,
    startSequenceNumber: batch.startSequenceNumber,
    endSequenceNumber: batch.endSequenceNumber,
    approximateArrivalOfFirstRecord: batch.approximateArrivalOfFirstRecord,
    approximateArrivalOfLastRecord: batch.approximateArrivalOfLastRecord,
    batchSize: batch.batchSize,
    streamArn: batch.streamArn,
  };
  return {
    requestContext: {
      functionArn: functionName,
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: batch.attempts,
    },
    responseContext: { statusCode: 200, functionError: batch.error },
    version: '1.0',
    timestamp: new Date().toISOString(),
    [batch.sourceKind === 'Kinesis' ? 'KinesisBatchInfo' : 'DDBStreamBatchInfo']: info,
  };
}

/** Sends a mapping's exhausted batches to its SQS on-failure destination, in Lambda's message format. */
export function sendToOnFailureQueue(sqs: SQSClient, queueUrl: string, functionName: string) {
  return async (batch: ExhaustedBatch): Promise<void> => {
    const body = JSON.stringify(onFailureMessage(batch, functionName));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
  };
}

/**
 * Starts the runtime's event source mappings, as the CDK construct declares them: the events table's stream to the
 * forwarder, the projection and replay streams to the projection consumer, and the projection stream to the process
 * consumer when the app has process managers. Each calls the same Lambda handler
 * (wrapper and plain function) as on AWS, resolved from the runtime's container.
 */
export function startRuntimeMappings(container: Container, options: RuntimeMappingOptions): RuntimeMappings {
  const config = resolve(container, CoreTokens.config);
  const region = config.endpoints.region;
  const kinesis = resolve(container, CoreTokens.kinesis);
  const checkpoints = options.dataDir
    ? fileCheckpoints(join(options.dataDir, 'mapping-checkpoints.json'))
    : memoryCheckpoints();
  const common = (name: string) => ({
    ...options.settings,
    name,
    checkpoints,
    onError: (error: unknown) => options.onError?.(name, error),
    onExhausted: sendToOnFailureQueue(options.sqs, options.mappingFailuresQueueUrl, name),
  });
  const streams = new DynamoDBStreamsClient(clientConfig(config.endpoints, config.endpoints.dynamodb));
  const forward = streamForwarder(() => container);
  const consume = projectionConsumer(() => container);
  const processes = resolve(container, CoreTokens.app).processes ?? [];
  const react = processConsumer(() => container);
  const mappings = [
    startEventSourceMapping({
      ...common('stream-forwarder'),
      source: dynamoDbStreamSource(streams, options.eventsStreamArn, region),
      handler: (event) => forward(event as DynamoDBStreamEvent),
    }),
    startEventSourceMapping({
      ...common('projection-consumer'),
      source: kinesisStreamSource(kinesis, config.projectionStream, region),
      handler: (event) => consume(event as KinesisStreamEvent),
    }),
    startEventSourceMapping({
      ...common('replay-consumer'),
      source: kinesisStreamSource(kinesis, config.replayStream, region),
      handler: (event) => consume(event as KinesisStreamEvent),
    }),
    // The process managers read the projection stream with a mapping of their own, never the replay stream.
    ...(processes.length === 0
      ? []
      : [
          startEventSourceMapping({
            ...common('process-consumer'),
            source: kinesisStreamSource(kinesis, config.projectionStream, region),
            handler: (event) => react(event as KinesisStreamEvent),
          }),
        ]),
  ];
  const stop = async () => {
    await Promise.all(mappings.map((m) => m.stop()));
    streams.destroy();
  };
  return { mappings, stop };
}
