import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type AwsEndpoints, clientConfig, http1Handler } from './aws-config';

/** A DynamoDB client for AWS or DynamoDB Local. */
export function createDynamoDbClient(endpoints: AwsEndpoints): DynamoDBClient {
  return new DynamoDBClient(clientConfig(endpoints, endpoints.dynamodb));
}

/** A Kinesis client for AWS or kinesalite (HTTP/1.1 locally). */
export function createKinesisClient(endpoints: AwsEndpoints): KinesisClient {
  const config = clientConfig(endpoints, endpoints.kinesis);
  return new KinesisClient(endpoints.kinesis ? { ...config, requestHandler: http1Handler() } : config);
}

/** A Step Functions client for AWS or the local Step Functions endpoint. */
export function createSfnClient(endpoints: AwsEndpoints): SFNClient {
  return new SFNClient(clientConfig(endpoints, endpoints.stepFunctions));
}

/** An SQS client for AWS or the local SQS endpoint. */
export function createSqsClient(endpoints: AwsEndpoints): SQSClient {
  return new SQSClient(clientConfig(endpoints, endpoints.sqs));
}
