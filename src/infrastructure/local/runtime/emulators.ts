import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsEndpoints } from '../../aws/aws-config';
import { startDynamoDbLocal } from '../dynamodb-local';
import { startKinesalite } from '../kinesalite-server';

/** The local stand-ins of the AWS services eventfold uses, running. */
export interface RunningEmulators {
  readonly endpoints: AwsEndpoints;
  /** Stops every emulator; the DynamoDB Local child process is gone when this resolves. */
  stop(): Promise<void>;
}

/** Options: a folder to persist to (in memory when absent) and the region the clients name. */
export interface EmulatorOptions {
  readonly dataDir?: string;
  readonly region?: string;
}

/** A started service: its endpoint and how to stop it. */
interface Started {
  readonly endpoint: string;
  stop(): Promise<void>;
}

async function stopAll(started: readonly Started[]): Promise<void> {
  await Promise.allSettled(started.map((s) => s.stop()));
}

/**
 * Starts DynamoDB Local (with Streams) and kinesalite; with `dataDir`, DynamoDB Local keeps its tables in
 * `<dataDir>/dynamodb` and kinesalite its streams in `<dataDir>/kinesis`. If one fails to start, the others are
 * stopped before the error is thrown.
 */
export async function startEmulators(options: EmulatorOptions = {}): Promise<RunningEmulators> {
  const folder = (name: string) => {
    if (!options.dataDir) return undefined;
    const path = join(options.dataDir, name);
    mkdirSync(path, { recursive: true });
    return path;
  };
  const results: Array<PromiseSettledResult<Started>> = await Promise.allSettled([
    startDynamoDbLocal({ dataDir: folder('dynamodb') }),
    startKinesalite({ dataDir: folder('kinesis') }),
  ]);
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await stopAll(started);
    throw failed.reason;
  }
  const [dynamodb, kinesis] = started as [Started, Started];
  return {
    endpoints: {
      region: options.region ?? 'us-east-1',
      dynamodb: dynamodb.endpoint,
      kinesis: kinesis.endpoint,
    },
    stop: () => stopAll(started),
  };
}
