import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsEndpoints } from '../../aws/aws-config';
import { type DynamoDbLocal, RUNTIME_DYNAMODB_LOCAL_JVM_FLAGS, startDynamoDbLocal } from '../dynamodb-local';
import { startKinesalite } from '../kinesalite-server';
import { startLocalSqs } from '../sqs-server';
import type { LambdaHandlers } from '../stepfunctions-tasks';
import { startLocalStepFunctions } from '../stepfunctions-server';
import { assertLocalPrerequisites } from './prerequisites';

/** The local stand-ins of the AWS services eventfold uses, running. */
export interface RunningEmulators {
  readonly endpoints: AwsEndpoints;
  /** Stops every emulator; the child processes (DynamoDB Local's Java, the SQS emulator) are gone when this resolves. */
  stop(): Promise<void>;
}

/** Options: a folder to persist to (in memory when absent), the region, and the Lambda functions Step Functions calls. */
export interface EmulatorOptions {
  readonly dataDir?: string;
  readonly region?: string;
  /** Lambda task resources of state machines, by function ARN; without them no Step Functions endpoint starts. */
  readonly lambdaHandlers?: LambdaHandlers;
  /**
   * A DynamoDB Local started beforehand (`npm start` starts its JVM first, while the rest loads), with the data
   * folder `<dataDir>/dynamodb`; stopped with the others. One is started when absent.
   */
  readonly dynamodb?: Promise<DynamoDbLocal>;
}

/** A started service: its endpoint and how to stop it. */
interface Started {
  readonly endpoint: string;
  stop(): Promise<void>;
}

async function stopAll(started: readonly Started[]): Promise<void> {
  await Promise.allSettled(started.map((s) => s.stop()));
}

function folder(dataDir: string | undefined, name: string): string | undefined {
  if (!dataDir) return undefined;
  const path = join(dataDir, name);
  mkdirSync(path, { recursive: true });
  return path;
}

/**
 * Starts DynamoDB Local (with Streams), kinesalite, a local SQS and, given Lambda handlers, the local Step Functions
 * endpoint. With `dataDir`, DynamoDB Local keeps its tables in `<dataDir>/dynamodb` and kinesalite its streams in
 * `<dataDir>/kinesis`; SQS and Step Functions keep nothing. If one fails to start, the others are stopped before
 * the error is thrown. A missing emulator package or Java is a `ConfigurationError` saying what to install.
 */
export async function startEmulators(options: EmulatorOptions = {}): Promise<RunningEmulators> {
  try {
    assertLocalPrerequisites();
  } catch (error) {
    await options.dynamodb?.then(
      (early) => early.stop(),
      () => undefined,
    );
    throw error;
  }
  const region = options.region ?? 'us-east-1';
  const handlers = options.lambdaHandlers;
  const results: Array<PromiseSettledResult<Started | undefined>> = await Promise.allSettled([
    options.dynamodb ??
      startDynamoDbLocal({
        dataDir: folder(options.dataDir, 'dynamodb'),
        jvmFlags: RUNTIME_DYNAMODB_LOCAL_JVM_FLAGS,
      }),
    startKinesalite({ dataDir: folder(options.dataDir, 'kinesis') }),
    startLocalSqs(),
    handlers ? startLocalStepFunctions({ lambdaHandlers: handlers, region }) : Promise.resolve(undefined),
  ]);
  const started = results.flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value] : []));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await stopAll(started);
    throw failed.reason;
  }
  const [dynamodb, kinesis, sqs, sfn] = results.map((r) => (r.status === 'fulfilled' ? r.value : undefined));
  return {
    endpoints: {
      region,
      dynamodb: dynamodb?.endpoint,
      kinesis: kinesis?.endpoint,
      sqs: sqs?.endpoint,
      stepFunctions: sfn?.endpoint,
    },
    stop: () => stopAll(started),
  };
}
