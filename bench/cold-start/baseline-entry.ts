import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';

/**
 * The cold-start baseline: a function that holds only a DynamoDB and a Kinesis client, built at load as a
 * function's clients are, and does nothing with them. What any event-sourced function on AWS needs at least.
 */
const clients = { dynamodb: new DynamoDBClient({}), kinesis: new KinesisClient({}) };

/** Answers with the clients' regions, so that building them is not optimised away. */
export const handler = async (): Promise<{ regions: string[] }> => ({
  regions: await Promise.all([clients.dynamodb.config.region(), clients.kinesis.config.region()]),
});
