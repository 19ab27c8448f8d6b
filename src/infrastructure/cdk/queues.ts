import { Duration, aws_sqs as sqs } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** The dead-letter queues of a deployment. */
export interface EventfoldQueues {
  /** Poison events parked by projection consumers, with their coordinates (`EVENTFOLD_DLQ_URL`). */
  readonly parkedEvents: sqs.Queue;
  /**
   * What Lambda gave up on: batches a stream mapping dropped (its on-failure destination), and asynchronous
   * invocations of any function that failed every retry (each function's dead-letter queue).
   */
  readonly mappingFailures: sqs.Queue;
}

function queue(scope: Construct, id: string): sqs.Queue {
  return new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    visibilityTimeout: Duration.minutes(5),
  });
}

/** Creates the dead-letter queues: encrypted, TLS only, kept 14 days (the SQS maximum). */
export function createQueues(scope: Construct): EventfoldQueues {
  return { parkedEvents: queue(scope, 'ParkedEvents'), mappingFailures: queue(scope, 'MappingFailures') };
}
