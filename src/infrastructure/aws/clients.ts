import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { KMSClient } from '@aws-sdk/client-kms';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type AwsEndpoints, clientConfig, http1Handler } from './aws-config';
import { withoutSdkRequestLogging } from './quiet-sdk-logging';

/** A DynamoDB client for AWS or DynamoDB Local (every client here skips the SDK's request logging). */
export function createDynamoDbClient(endpoints: AwsEndpoints): DynamoDBClient {
  return withoutSdkRequestLogging(new DynamoDBClient(clientConfig(endpoints, endpoints.dynamodb)));
}

/** A Kinesis client for AWS or kinesalite (HTTP/1.1 locally). */
export function createKinesisClient(endpoints: AwsEndpoints): KinesisClient {
  const config = clientConfig(endpoints, endpoints.kinesis);
  return withoutSdkRequestLogging(
    new KinesisClient(endpoints.kinesis ? { ...config, requestHandler: http1Handler() } : config),
  );
}

/** A Step Functions client for AWS or the local Step Functions endpoint. */
export function createSfnClient(endpoints: AwsEndpoints): SFNClient {
  return withoutSdkRequestLogging(new SFNClient(clientConfig(endpoints, endpoints.stepFunctions)));
}

/** An SQS client for AWS or the local SQS endpoint. */
export function createSqsClient(endpoints: AwsEndpoints): SQSClient {
  return withoutSdkRequestLogging(new SQSClient(clientConfig(endpoints, endpoints.sqs)));
}

/** A KMS client (it wraps subjects' data keys on AWS; the local runtime wraps them with a master key instead). */
export function createKmsClient(endpoints: AwsEndpoints): KMSClient {
  return withoutSdkRequestLogging(new KMSClient(clientConfig(endpoints, undefined)));
}
