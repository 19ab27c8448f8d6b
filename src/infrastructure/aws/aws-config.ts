import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent } from 'node:http';

/** Where the AWS clients go: AWS itself (no endpoints) or local emulators. */
export interface AwsEndpoints {
  readonly region: string;
  readonly dynamodb?: string;
  readonly kinesis?: string;
  readonly stepFunctions?: string;
  readonly sqs?: string;
  readonly scheduler?: string;
}

/** Reads endpoints from the environment (`EVENTFOLD_*_ENDPOINT`), as the local runtime sets them for handlers. */
export function endpointsFromEnv(env: NodeJS.ProcessEnv = process.env): AwsEndpoints {
  return {
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    dynamodb: env.EVENTFOLD_DYNAMODB_ENDPOINT,
    kinesis: env.EVENTFOLD_KINESIS_ENDPOINT,
    stepFunctions: env.EVENTFOLD_SFN_ENDPOINT,
    sqs: env.EVENTFOLD_SQS_ENDPOINT,
    scheduler: env.EVENTFOLD_SCHEDULER_ENDPOINT,
  };
}

const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Client settings for one service: the endpoint and fixed credentials locally, the default chain on AWS. */
export function clientConfig(endpoints: AwsEndpoints, endpoint: string | undefined) {
  return endpoint
    ? { region: endpoints.region, endpoint, credentials: localCredentials, maxAttempts: 5 }
    : { region: endpoints.region };
}

/** kinesalite speaks only HTTP/1.1 to SDK v3: give the Kinesis client this handler when the endpoint is local. */
export function http1Handler(): NodeHttpHandler {
  return new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 64 }) });
}
