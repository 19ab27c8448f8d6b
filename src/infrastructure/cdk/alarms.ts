import {
  Duration,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as actions,
  aws_lambda as lambda,
  aws_sns as sns,
  aws_sqs as sqs,
  aws_stepfunctions as sfn,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** What the alarms watch. */
export interface AlarmTargets {
  /** Functions fed by stream mappings: their iterator age shows how far behind they are. */
  readonly streamConsumers: ReadonlyArray<{ readonly name: string; readonly fn: lambda.IFunction }>;
  readonly deadLetterQueues: ReadonlyArray<{ readonly name: string; readonly queue: sqs.IQueue }>;
  readonly replays: sfn.IStateMachine;
  /** Alarms notify this topic when given. */
  readonly topic?: sns.ITopic;
  /** Iterator age that raises the alarm. Default 5 minutes. */
  readonly maxIteratorAge?: Duration;
}

function alarm(
  scope: Construct,
  id: string,
  props: cloudwatch.AlarmProps,
  topic?: sns.ITopic,
): cloudwatch.Alarm {
  const created = new cloudwatch.Alarm(scope, id, props);
  if (topic) created.addAlarmAction(new actions.SnsAction(topic));
  return created;
}

/** Alarms on iterator age, dead letters (queue depth above zero) and failed replay executions. */
export function createAlarms(scope: Construct, targets: AlarmTargets): cloudwatch.Alarm[] {
  const period = Duration.minutes(1);
  const maxAge = targets.maxIteratorAge ?? Duration.minutes(5);
  const iteratorAge = targets.streamConsumers.map(({ name, fn }) =>
    alarm(
      scope,
      `IteratorAge-${name}`,
      {
        alarmDescription: `eventfold: ${name} is more than ${maxAge.toHumanString()} behind its stream`,
        metric: fn.metric('IteratorAge', { statistic: 'Maximum', period }),
        threshold: maxAge.toMilliseconds(),
        evaluationPeriods: 5,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      },
      targets.topic,
    ),
  );
  const deadLetters = targets.deadLetterQueues.map(({ name, queue }) =>
    alarm(
      scope,
      `DeadLetters-${name}`,
      {
        alarmDescription: `eventfold: messages are waiting in the ${name} dead-letter queue`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period }),
        threshold: 0,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      },
      targets.topic,
    ),
  );
  const failedReplays = alarm(
    scope,
    'FailedReplays',
    {
      alarmDescription: 'eventfold: a replay execution failed',
      metric: targets.replays.metricFailed({ statistic: 'Sum', period }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    },
    targets.topic,
  );
  return [...iteratorAge, ...deadLetters, failedReplays];
}
