import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type AwsEndpoints, clientConfig, http1Handler } from './aws-config';
import { withMiddlewareCache } from './middleware-cache';
import { withoutSdkRequestLogging } from './quiet-sdk-logging';

/** Every client here skips the SDK's request logging and resolves its middleware once per command class. */
function lean<
  C extends Parameters<typeof withMiddlewareCache>[0] & Parameters<typeof withoutSdkRequestLogging>[0],
>(client: C): C {
  return withMiddlewareCache(withoutSdkRequestLogging(client));
}

/** A DynamoDB client for AWS or DynamoDB Local. */
export function createDynamoDbClient(endpoints: AwsEndpoints): DynamoDBClient {
  return lean(new DynamoDBClient(clientConfig(endpoints, endpoints.dynamodb)));
}

/** A Kinesis client for AWS or kinesalite (HTTP/1.1 locally). */
export function createKinesisClient(endpoints: AwsEndpoints): KinesisClient {
  const config = clientConfig(endpoints, endpoints.kinesis);
  return lean(new KinesisClient(endpoints.kinesis ? { ...config, requestHandler: http1Handler() } : config));
}

/** A Step Functions client for AWS or the local Step Functions endpoint. */
export function createSfnClient(endpoints: AwsEndpoints): SFNClient {
  return lean(new SFNClient(clientConfig(endpoints, endpoints.stepFunctions)));
}

/** An SQS client for AWS or the local SQS endpoint. */
export function createSqsClient(endpoints: AwsEndpoints): SQSClient {
  return lean(new SQSClient(clientConfig(endpoints, endpoints.sqs)));
}
