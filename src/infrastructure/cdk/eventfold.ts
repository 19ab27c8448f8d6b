import {
  CfnOutput,
  type Duration,
  RemovalPolicy,
  Stack,
  aws_apigateway as apigateway,
  aws_cloudwatch as cloudwatch,
  aws_lambda_nodejs as nodejs,
  aws_logs as logs,
  aws_sns as sns,
  aws_stepfunctions as sfn,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledgeFindings, acknowledgedFindings } from './acknowledged-findings';
import { createAlarms } from './alarms';
import { environmentOf } from './environment';
import { type EventfoldFunctions, createFunctions, grantProcessRunner } from './eventfold-functions';
import type { BundlingSettings, EntrypointName } from './functions';
import type { MappingSettings } from './mappings';
import { stateMachineArns } from './permissions';
import { type PersonalDataResources, grantKeysTo, personalDataDeployment } from './personal-data';
import { type ProjectionSource, deployedProjections, requireSqlDatabase } from './projections';
import type { ProcessEntry } from '../../application/process/process';
import { processInfoOf } from '../../application/process/process-decorators';
import { type EventfoldQueues, createQueues } from './queues';
import { replayStateMachine } from './replay-state-machine';
import { resourceNames } from './resource-names';
import { type SqlDatabase, type SqlSettings, sqlDatabase } from './sql-database';
import { type RestApiSettings, restApi } from './rest-api';
import { type EventfoldStreams, createStreams } from './streams';
import { type EventfoldTables, createTables } from './tables';
import { EventfoldTimers } from './timers';

/**
 * How long the API function (29 s timeout) may clear a rebuild's standby table per call; a larger table is
 * cleared over several calls (the CLI's `rebuild` repeats the call).
 */
const REBUILD_CLEAR_BUDGET_MS = 20_000;
/** What a deployment of eventfold is made of; every field but `appModule` is optional. */
export interface EventfoldProps {
  /**
   * The module that registers your app (`registerEventfoldApp(defineEventfoldApp({ domain, projections }))`).
   * It is bundled ahead of every entrypoint, so every function serves that app.
   */
  readonly appModule: string;
  /**
   * The projections to deploy (usually `app.projections`): instances or classes declared with `@Projection`, or
   * `{ name, rebuildable }`. Each gets its consumer function and its read-model tables (two when rebuildable).
   */
  readonly projections?: readonly ProjectionSource[];
  /**
   * The process managers to deploy (usually `app.processes`): instances, classes declared with `@ProcessManager`,
   * or their names. With at least one, a process consumer function reads the projection stream.
   */
  readonly processes?: readonly (ProcessEntry | string)[];
  /** Prefix of every physical name (tables, streams, state machine, API). Default `eventfold-`. */
  readonly prefix?: string;
  /**
   * Entry files of the functions, to wire your own domain into them. Default: eventfold's own entrypoints
   * (`src/infrastructure/lambda/*`).
   */
  readonly entrypoints?: Partial<Record<EntrypointName, string>>;
  readonly bundling?: BundlingSettings;
  /** Shards of the projection stream. Default 2. */
  readonly projectionStreamShards?: number;
  /** Shards of the replay stream. Default 1. */
  readonly replayStreamShards?: number;
  /**
   * Write shards of the time index, which keeps commit-time order for replays at one more write unit per event.
   * Default 0: no index, replays scan the events table (each aggregate in version order). Choose it before the
   * first event.
   */
  readonly timeIndexShards?: number;
  readonly mappings?: MappingSettings;
  readonly api?: RestApiSettings;
  /**
   * What happens to the tables other than the events table, the queues' contents aside, when the stack is deleted.
   * Default RETAIN. The events table is always retained.
   */
  readonly removalPolicy?: RemovalPolicy;
  readonly logRetention?: logs.RetentionDays;
  /** Alarms notify this topic. */
  readonly alarmTopic?: sns.ITopic;
  /** Iterator age that raises an alarm. Default 5 minutes. */
  readonly maxIteratorAge?: Duration;
  /**
   * SQL read models on Aurora PostgreSQL over the RDS Data API: `{}` creates an Aurora Serverless v2 cluster,
   * `{ existing: { clusterArn, secretArn } }` uses yours. The API and projection consumer functions get the Data
   * API on that cluster and read access to that secret only. Default: no SQL database.
   */
  readonly sql?: SqlSettings;
  /**
   * Durable timers for process managers: an EventBridge Scheduler group, its execution role, dead-letter queue and
   * alarms, and the timer function. Default false.
   */
  readonly timers?: boolean;
  /**
   * True when the app's domain declares personal data (`app.domain.personal.declared`): creates the keys table and
   * the KMS key that wraps subjects' data keys, and lets only the API and the projection consumer use them (only
   * the API deletes, for `forget`). Default false.
   */
  readonly personalData?: boolean;
}

function processNamesOf(processes: EventfoldProps['processes'] = []): string[] {
  return processes.map((p) => (typeof p === 'string' ? p : processInfoOf(p).name));
}

/** The stream-fed functions whose iterator age is alarmed on. */
function streamConsumersOf(functions: EventfoldFunctions) {
  const { forwarder, projectionConsumer, processConsumer } = functions;
  return [
    { name: 'forwarder', fn: forwarder },
    ...(projectionConsumer ? [{ name: 'projection-consumer', fn: projectionConsumer }] : []),
    ...(processConsumer ? [{ name: 'process-consumer', fn: processConsumer }] : []),
  ];
}

function withDefaults(props: EventfoldProps) {
  return {
    ...props,
    prefix: props.prefix ?? 'eventfold-',
    timeIndexShards: props.timeIndexShards ?? 0,
    projections: props.projections ?? [],
    processes: processNamesOf(props.processes),
    removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    projectionStreamShards: props.projectionStreamShards ?? 2,
    replayStreamShards: props.replayStreamShards ?? 1,
    entrypoints: props.entrypoints ?? {},
    bundling: props.bundling ?? {},
    mappings: props.mappings ?? {},
    api: props.api ?? {},
    logRetention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
  };
}

/**
 * Deploys eventfold: the event store's tables, the projection and replay streams, the Lambda functions and their
 * stream mappings, the replay state machine, the IAM-authenticated REST API, dead-letter queues and alarms. It
 * passes cdk-nag's AwsSolutions and Serverless packs; the findings it accepts are acknowledged on their resources,
 * each with its reason (`acknowledgedFindings`).
 * @example
 * const app = new App();
 * const stack = new Stack(app, 'Orders');
 * new Eventfold(stack, 'Eventfold', { appModule: require.resolve('./app'), projections: app.projections });
 */
export class Eventfold extends Construct {
  readonly tables: EventfoldTables;
  readonly streams: EventfoldStreams;
  readonly queues: EventfoldQueues;
  readonly functions: EventfoldFunctions;
  readonly replayStateMachine: sfn.StateMachine;
  readonly api: apigateway.LambdaRestApi;
  readonly alarms: readonly cloudwatch.Alarm[];
  /** The SQL read models' database, when `sql` was given. */
  readonly sql?: SqlDatabase;
  /** The timer resources, when `timers` is on. */
  readonly timers?: EventfoldTimers;
  /** The keys table and KMS key, when `personalData` is set. */
  readonly personalData?: PersonalDataResources;

  constructor(scope: Construct, id: string, props: EventfoldProps) {
    super(scope, id);
    const settings = withDefaults(props);
    const names = resourceNames(settings.prefix, settings.timeIndexShards);
    const projections = deployedProjections(settings.projections);
    requireSqlDatabase(projections, props.sql);
    this.tables = createTables(this, names, projections, settings.removalPolicy);
    this.streams = createStreams(this, names, settings);
    this.queues = createQueues(this);
    const arns = stateMachineArns(Stack.of(this), names);
    this.sql = props.sql ? sqlDatabase(this, props.sql, settings.prefix) : undefined;
    const personal = personalDataDeployment(this, props.personalData, names.keysTable!);
    this.personalData = personal.resources;
    const timerWiring = { ...settings, queues: this.queues };
    const { kmsModule } = personal;
    // Process managers schedule timers: with any, the timer resources come too.
    const timers = settings.timers || settings.processes.length > 0;
    this.timers = timers ? new EventfoldTimers(this, 'Timers', timerWiring) : undefined;
    const environment = environmentOf({
      ...names,
      deadLetterQueueUrl: this.queues.parkedEvents.queueUrl,
      replayStateMachineArn: arns.machine,
      rebuildClearBudgetMs: REBUILD_CLEAR_BUDGET_MS,
      timers: this.timers?.settings,
      kmsKeyId: personal.kmsKeyId,
    });
    this.functions = createFunctions(this, {
      ...settings,
      tables: this.tables,
      streams: this.streams,
      queues: this.queues,
      environment,
      stateMachine: arns,
      projections,
      sql: this.sql,
      kmsModule,
    });
    const timerFunction = this.timers?.createFunction({ ...timerWiring, kmsModule }, environment);
    const { projectionConsumer, processConsumer } = this.functions;
    grantKeysTo(personal, this.functions.api, [projectionConsumer, processConsumer, timerFunction]);
    this.wireProcessTimers(timerFunction);
    this.replayStateMachine = replayStateMachine(
      this,
      names,
      this.functions.replayIterator,
      arns.machine,
      settings,
    );
    this.api = restApi(this, this.functions.api, settings.prefix, settings.api, settings);
    this.alarms = createAlarms(this, {
      streamConsumers: streamConsumersOf(this.functions),
      deadLetterQueues: [
        { name: 'parked-events', queue: this.queues.parkedEvents },
        { name: 'mapping-failures', queue: this.queues.mappingFailures },
      ],
      replays: this.replayStateMachine,
      topic: settings.alarmTopic,
      maxIteratorAge: settings.maxIteratorAge,
    });
    const { queues, functions, replayStateMachine: machine, api } = this;
    this.alarms = [...this.alarms, ...(this.timers?.createAlarms(settings.alarmTopic) ?? [])];
    acknowledgeFindings([
      ...acknowledgedFindings({
        queues,
        functions,
        replayStateMachine: machine,
        api,
        replayExecutionsArn: arns.executions,
        sql: this.sql,
      }),
      ...(this.timers?.acknowledgedFindings() ?? []),
    ]);
    new CfnOutput(this, 'ApiUrl', {
      value: this.api.url,
      description: 'eventfold REST API (IAM-signed requests)',
    });
  }

  /**
   * The process consumer schedules timers, and a due timer runs the process managers' runner in the timer
   * function, which then records and dispatches like the consumer.
   */
  private wireProcessTimers(timerFunction: nodejs.NodejsFunction | undefined): void {
    const consumer = this.functions.processConsumer;
    if (!this.timers || !consumer) return;
    this.timers.grantScheduling(consumer);
    if (timerFunction) grantProcessRunner(timerFunction, this.tables, this.queues);
  }
}
