import {
  Duration,
  aws_lambda as lambda,
  aws_lambda_event_sources as sources,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** Settings of the stream event source mappings; every field is optional. */
export interface MappingSettings {
  /** Records per invocation. Default 100. */
  readonly batchSize?: number;
  /** Retries of a failing batch (after bisecting) before it goes to the failure queue. Default 10. */
  readonly retryAttempts?: number;
  /** Records older than this go to the failure queue. Default 1 day (DynamoDB Streams keep 24 h). */
  readonly maxRecordAge?: Duration;
  /**
   * How long Lambda gathers records before it invokes (up to 5 minutes). Default none: each shard is read about
   * once a second. A longer window adds that much latency and makes larger batches, in which the projections'
   * joint writes move a row many streams add to once for all of them (see BENCHMARKS.md, the fan-out).
   */
  readonly maxBatchingWindow?: Duration;
}

/**
 * A mapping from a DynamoDB or Kinesis stream (or an enhanced fan-out consumer) to a function: one batch per
 * shard at a time (parallelization 1 keeps per-aggregate order), bisect on error, bounded retries and record age,
 * partial batch responses, and a queue for batches given up on.
 */
export function streamMapping(
  scope: Construct,
  id: string,
  target: lambda.IFunction,
  eventSourceArn: string,
  failures: sqs.IQueue,
  settings: MappingSettings,
): lambda.EventSourceMapping {
  return new lambda.EventSourceMapping(scope, id, {
    target,
    eventSourceArn,
    startingPosition: lambda.StartingPosition.TRIM_HORIZON,
    batchSize: settings.batchSize ?? 100,
    ...(settings.maxBatchingWindow ? { maxBatchingWindow: settings.maxBatchingWindow } : {}),
    parallelizationFactor: 1,
    bisectBatchOnError: true,
    retryAttempts: settings.retryAttempts ?? 10,
    maxRecordAge: settings.maxRecordAge ?? Duration.days(1),
    reportBatchItemFailures: true,
    onFailure: new sources.SqsDlq(failures),
  });
}
