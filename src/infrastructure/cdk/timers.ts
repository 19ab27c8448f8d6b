import {
  ArnFormat,
  Aws,
  Duration,
  type RemovalPolicy,
  Stack,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as actions,
  aws_iam as iam,
  aws_lambda_nodejs as nodejs,
  aws_logs as logs,
  aws_sns as sns,
  aws_scheduler as scheduler,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { TimerSettings } from '../config';
import { type AcknowledgedFinding, findingResource } from './acknowledged-findings';
import { type BundlingSettings, type EntrypointName, defaultEntry, eventfoldFunction } from './functions';
import type { EventfoldQueues } from './queues';

/** What the timer resources are wired to. */
export interface TimerWiring {
  readonly prefix: string;
  readonly queues: EventfoldQueues;
  readonly entrypoints: Partial<Record<EntrypointName, string>>;
  readonly appModule: string;
  readonly bundling: BundlingSettings;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** The module registering the KMS key wrapper, for an app with personal data (a due timer may commit some). */
  readonly kmsModule?: string;
}

/** The settings the functions get as `EVENTFOLD_TIMER_*`, and the group's physical name. */
export function timerSettingsOf(scope: Construct, prefix: string, roleArn: string, deadLetterArn: string) {
  const functionName = `${prefix}timer`;
  const targetArn = Stack.of(scope).formatArn({
    service: 'lambda',
    resource: 'function',
    resourceName: functionName,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
  const settings: TimerSettings = { groupName: `${prefix}timers`, targetArn, roleArn, deadLetterArn };
  return { functionName, settings };
}

/**
 * Durable timers on EventBridge Scheduler: the app's schedule group, the role the scheduler assumes (it may invoke
 * the timer function and send to the timer dead-letter queue, nothing else), that queue, and the timer function.
 * Functions that schedule get `grantScheduling`.
 */
export class EventfoldTimers extends Construct {
  readonly group: scheduler.ScheduleGroup;
  readonly deadLetters: sqs.Queue;
  readonly executionRole: iam.Role;
  readonly settings: TimerSettings;
  readonly functionName: string;
  private timerFunction?: nodejs.NodejsFunction;
  private readonly scheduling: nodejs.NodejsFunction[] = [];

  constructor(scope: Construct, id: string, wiring: TimerWiring) {
    super(scope, id);
    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.executionRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: 'eventfold timers: EventBridge Scheduler invokes the timer function',
    });
    const { functionName, settings } = timerSettingsOf(
      this,
      wiring.prefix,
      this.executionRole.roleArn,
      this.deadLetters.queueArn,
    );
    this.functionName = functionName;
    this.settings = settings;
    this.group = new scheduler.ScheduleGroup(this, 'Group', {
      scheduleGroupName: settings.groupName,
      removalPolicy: wiring.removalPolicy,
    });
    this.executionRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [settings.targetArn] }),
    );
    this.executionRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetters.queueArn] }),
    );
  }

  /** The ARN pattern of the group's schedules (their names are the timers' ids, chosen at run time). */
  get schedulesArn(): string {
    return Stack.of(this).formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${this.settings.groupName}/*`,
    });
  }

  /** Lets a function create and delete schedules in the group, handing them the scheduler's role only. */
  grantScheduling(fn: nodejs.NodejsFunction): void {
    this.scheduling.push(fn);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
        resources: [this.schedulesArn],
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.executionRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
  }

  /** Creates the timer function (once): the scheduler's target; it may schedule further timers itself. */
  createFunction(wiring: TimerWiring, environment: Record<string, string>): nodejs.NodejsFunction {
    this.timerFunction ??= eventfoldFunction(this, {
      id: 'Function',
      functionName: this.functionName,
      entry: wiring.entrypoints['timer-fired'] ?? defaultEntry('timer-fired'),
      description: 'timer-fired',
      environment,
      bundling: wiring.bundling,
      inject: [wiring.appModule, ...(wiring.kmsModule ? [wiring.kmsModule] : [])],
      logRetention: wiring.logRetention,
      removalPolicy: wiring.removalPolicy,
      deadLetterQueue: wiring.queues.mappingFailures,
      timeout: Duration.minutes(1),
      memorySize: 1024,
    });
    this.grantScheduling(this.timerFunction);
    return this.timerFunction;
  }

  /** Alarms: a timer in the dead-letter queue, and any failed delivery of the group. */
  createAlarms(topic?: sns.ITopic): cloudwatch.Alarm[] {
    const period = Duration.minutes(1);
    const alarms = [
      new cloudwatch.Alarm(this, 'DeadLettersAlarm', {
        alarmDescription: 'eventfold: timers whose deliveries all failed wait in the timer dead-letter queue',
        metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period }),
        threshold: 0,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, 'FailedDeliveriesAlarm', {
        alarmDescription: 'eventfold: EventBridge Scheduler gave up delivering a timer of the group',
        metric: this.metricFailedDeliveries(period),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    ];
    if (topic) alarms.forEach((alarm) => alarm.addAlarmAction(new actions.SnsAction(topic)));
    return alarms;
  }

  /** Failed deliveries of the group: retries exhausted (sent to the dead-letter queue, or dropped). */
  metricFailedDeliveries(period = Duration.minutes(1)): cloudwatch.IMetric {
    return new cloudwatch.MathExpression({
      expression: 'sent + dropped + lost',
      usingMetrics: {
        sent: this.group.metricSentToDLQ({ statistic: 'Sum', period }),
        dropped: this.group.metricDropped({ statistic: 'Sum', period }),
        lost: this.group.metricFailedToBeSentToDLQ(undefined, { statistic: 'Sum', period }),
      },
      period,
    });
  }

  /** The findings cdk-nag reports on the timer resources that the construct accepts, with reasons. */
  acknowledgedFindings(): AcknowledgedFinding[] {
    const fnRole = this.timerFunction?.role;
    const schedules = this.scheduling.map((fn) => ({
      on: fn.role as iam.IRole,
      id: `AwsSolutions-IAM5[Resource::${findingResource(this, this.schedulesArn)}]`,
      reason:
        "CreateSchedule and DeleteSchedule on the schedules of the app's group: a schedule is named after its " +
        'timer, chosen at run time, so only the group part of the ARN is known at synth time.',
    }));
    return [
      ...schedules,
      {
        on: this.deadLetters,
        id: 'AwsSolutions-SQS3',
        reason:
          'This queue is itself the dead-letter queue of the timer schedules: a timer whose deliveries all failed ' +
          'lands here with its input, and an alarm fires on its depth.',
      },
      {
        on: this.deadLetters,
        id: 'Serverless-SQSRedrivePolicy',
        reason:
          'The end of the line for failed timers: nothing consumes it automatically, an operator reads it.',
      },
      ...(fnRole
        ? [
            {
              on: fnRole,
              id: 'AwsSolutions-IAM5[Resource::*]',
              reason:
                'X-Ray tracing is on: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level ' +
                'permissions, so they take Resource "*".',
            },
          ]
        : []),
    ];
  }
}
