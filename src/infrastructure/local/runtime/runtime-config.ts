import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { CreateStateMachineCommand } from '@aws-sdk/client-sfn';
import type { AwsEndpoints } from '../../aws/aws-config';
import { createSfnClient, createSqsClient } from '../../aws/clients';
import { configFromEnv, type EventfoldConfig } from '../../config';
import { replayStateMachineDefinition } from '../../stepfunctions/replay-definition';

/** The ARN the local Step Functions engine maps to the replay iterator function. */
export const LOCAL_ITERATOR_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:eventfold-replay-iterator';

/** Queue names of the local runtime: parked poison events, and batches event source mappings gave up on. */
export const LOCAL_QUEUES = {
  deadLetters: 'eventfold-dead-letters',
  mappingFailures: 'eventfold-mapping-failures',
};

/** The configuration of the local runtime, plus the on-failure queue of its event source mappings. */
export interface RuntimeConfig {
  readonly config: EventfoldConfig;
  readonly mappingFailuresQueueUrl: string;
}

/**
 * Creates the queues and the replay state machine (from the same ASL file as on AWS) on the local endpoints and
 * returns the configuration the handlers get: the `EVENTFOLD_*` defaults with the local endpoints, queue URL and
 * state machine ARN filled in.
 */
export async function createRuntimeConfig(
  endpoints: AwsEndpoints,
  env: NodeJS.ProcessEnv = {},
): Promise<RuntimeConfig> {
  const sqs = createSqsClient(endpoints);
  const sfn = createSfnClient(endpoints);
  try {
    const [dlq, failures, machine] = await Promise.all([
      sqs.send(new CreateQueueCommand({ QueueName: LOCAL_QUEUES.deadLetters })),
      sqs.send(new CreateQueueCommand({ QueueName: LOCAL_QUEUES.mappingFailures })),
      sfn.send(
        new CreateStateMachineCommand({
          name: 'eventfold-replay',
          definition: replayStateMachineDefinition(LOCAL_ITERATOR_ARN),
          roleArn: 'arn:aws:iam::000000000000:role/eventfold-replay',
        }),
      ),
    ]);
    const config: EventfoldConfig = {
      ...configFromEnv(env),
      endpoints,
      deadLetterQueueUrl: dlq.QueueUrl,
      replayStateMachineArn: machine.stateMachineArn,
    };
    return { config, mappingFailuresQueueUrl: failures.QueueUrl ?? '' };
  } finally {
    sqs.destroy();
    sfn.destroy();
  }
}
