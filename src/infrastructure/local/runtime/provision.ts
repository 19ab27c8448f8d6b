import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  type KinesisClient,
  ResourceInUseException,
} from '@aws-sdk/client-kinesis';
import type { EventfoldConfig } from '../../config';
import { ensureEventStoreTables, ensureTable, keysTableDefinition } from '../../dynamodb/tables';
import { readModelTableDefinition, recordedAnswersTableName } from '../../dynamodb/tables/read-model-table';
import { readModelTableName } from '../../config';
import { waitFor } from '../free-port';

/** How many shards each Kinesis stream gets locally. */
export interface StreamShards {
  readonly projectionStreamShards: number;
  readonly replayStreamShards: number;
}

/** Creates a Kinesis stream unless it exists, and waits until it is active. */
export async function ensureStream(client: KinesisClient, name: string, shards: number): Promise<void> {
  try {
    await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitFor(
    async () => {
      const out = await client.send(new DescribeStreamSummaryCommand({ StreamName: name }));
      return out.StreamDescriptionSummary?.StreamStatus === 'ACTIVE';
    },
    `Kinesis stream ${name}`,
    30_000,
  );
}

/**
 * Creates what the deployment creates, from the same definitions: the event store's tables and the projection and
 * replay streams. Existing ones are kept, so a runtime restarted on its data folder finds its data again.
 */
export async function provisionEventStore(
  dynamodb: DynamoDBClient,
  kinesis: KinesisClient,
  config: EventfoldConfig,
  shards: StreamShards,
): Promise<void> {
  await Promise.all([
    ensureEventStoreTables(dynamodb, config),
    ensureStream(kinesis, config.projectionStream, shards.projectionStreamShards),
    ensureStream(kinesis, config.replayStream, shards.replayStreamShards),
  ]);
}

/** Creates both tables (blue and green) of every projection, and the table of recorded external answers. */
export async function provisionReadModels(
  dynamodb: DynamoDBClient,
  config: EventfoldConfig,
  projections: readonly string[],
): Promise<void> {
  const names = projections.flatMap((p) => [
    readModelTableName(config, p, 'blue'),
    readModelTableName(config, p, 'green'),
  ]);
  names.push(recordedAnswersTableName(config));
  await Promise.all(names.map((name) => ensureTable(dynamodb, readModelTableDefinition(name))));
}

/** The ARN of the events table's stream, which the forwarder's mapping polls. */
export async function eventsStreamArn(dynamodb: DynamoDBClient, config: EventfoldConfig): Promise<string> {
  const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: config.eventsTable }));
  const arn = Table?.LatestStreamArn;
  if (!arn) throw new Error(`table ${config.eventsTable} has no stream`);
  return arn;
}

/** Creates the keys table (subjects' wrapped data keys), for a domain that declares personal data. */
export async function provisionKeys(dynamodb: DynamoDBClient, config: EventfoldConfig): Promise<void> {
  await ensureTable(dynamodb, keysTableDefinition(config.keysTable ?? 'eventfold-keys'));
}
