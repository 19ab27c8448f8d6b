import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBStreamEvent, KinesisStreamEvent } from 'aws-lambda';
import type { Container } from 'inversify';
import { clientConfig } from '../../src/infrastructure/aws/aws-config';
import { CoreTokens } from '../../src/infrastructure/container/core-bindings';
import { resolve } from '../../src/infrastructure/container/tokens';
import { projectionConsumer } from '../../src/infrastructure/lambda/projection-consumer';
import { streamForwarder } from '../../src/infrastructure/lambda/stream-forwarder';
import {
  type EventSourceMapping,
  startEventSourceMapping,
} from '../../src/infrastructure/local/runtime/event-source-mapping';
import { dynamoDbStreamSource } from '../../src/infrastructure/local/runtime/event-source-mapping-dynamodb';
import { kinesisStreamSource } from '../../src/infrastructure/local/runtime/event-source-mapping-kinesis';
import { sendToOnFailureQueue } from '../../src/infrastructure/local/runtime/runtime-mappings';
import type { ComposedRuntimeOptions, ConsumedStream, ConsumerHandler } from './composed-runtime';

interface MappingWiring extends ComposedRuntimeOptions {
  readonly eventsStreamArn: string;
  readonly mappingFailuresQueueUrl: string;
  readonly sqs: SQSClient;
}

/**
 * Starts the mappings the CDK construct declares (events table stream -> forwarder, projection and replay streams ->
 * projection consumer) over the container's handlers, each consumer's source and handler passed through the hooks.
 * Stopping a returned mapping waits for its in-flight batch.
 */
export function startComposedMappings(container: Container, wiring: MappingWiring): EventSourceMapping[] {
  const config = resolve(container, CoreTokens.config);
  const region = config.endpoints.region;
  const kinesis = resolve(container, CoreTokens.kinesis);
  const run = { forwarder: true, projection: true, replay: true, ...wiring.run };
  const common = (name: string) => ({
    ...wiring.mappings,
    name,
    onError: (error: unknown) => wiring.onError?.(name, error),
    onExhausted: sendToOnFailureQueue(wiring.sqs, wiring.mappingFailuresQueueUrl, name),
  });
  const consume = projectionConsumer(() => container);
  const consumer = (stream: ConsumedStream, streamName: string): EventSourceMapping => {
    const plain: ConsumerHandler = (event) => consume(event as KinesisStreamEvent);
    const source = kinesisStreamSource(kinesis, streamName, region);
    return startEventSourceMapping({
      ...common(`${stream}-consumer`),
      source: wiring.wrapSource?.(source, stream) ?? source,
      handler: wiring.wrapConsumer?.(plain, stream) ?? plain,
    });
  };
  const mappings: EventSourceMapping[] = [];
  if (run.forwarder) mappings.push(forwarderMapping(container, wiring, common('stream-forwarder')));
  if (run.projection) mappings.push(consumer('projection', config.projectionStream));
  if (run.replay) mappings.push(consumer('replay', config.replayStream));
  return mappings;
}

function forwarderMapping(
  container: Container,
  wiring: MappingWiring,
  common: Record<string, unknown> & { name: string },
): EventSourceMapping {
  const config = resolve(container, CoreTokens.config);
  const streams = new DynamoDBStreamsClient(clientConfig(config.endpoints, config.endpoints.dynamodb));
  const forward = streamForwarder(() => container);
  const mapping = startEventSourceMapping({
    ...common,
    source: dynamoDbStreamSource(streams, wiring.eventsStreamArn, config.endpoints.region),
    handler: (event) => forward(event as DynamoDBStreamEvent),
  });
  return {
    name: mapping.name,
    activeShards: () => mapping.activeShards(),
    stats: () => mapping.stats(),
    stop: async () => {
      await mapping.stop();
      streams.destroy();
    },
  };
}
