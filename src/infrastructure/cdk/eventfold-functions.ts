import { Duration, RemovalPolicy, aws_lambda_nodejs as nodejs, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { type BundlingSettings, type EntrypointName, defaultEntry, eventfoldFunction } from './functions';
import { type MappingSettings, streamMapping } from './mappings';
import { iteratorSql } from './iterator-sql';
import * as permissions from './permissions';
import type { EventfoldQueues } from './queues';
import { type SqlDatabase, sqlEnvironment } from './sql-database';
import { type EventfoldStreams, fanOutConsumer } from './streams';
import type { DeployedProjection, EventfoldTables } from './tables';

/** Everything the functions are wired to. */
export interface FunctionWiring {
  readonly tables: EventfoldTables;
  readonly streams: EventfoldStreams;
  readonly queues: EventfoldQueues;
  readonly environment: Record<string, string>;
  readonly stateMachine: { machine: string; executions: string };
  readonly projections: readonly DeployedProjection[];
  /** The names of the app's process managers; the process consumer is deployed when there is one. */
  readonly processes: readonly string[];
  readonly entrypoints: Partial<Record<EntrypointName, string>>;
  readonly appModule: string;
  readonly bundling: BundlingSettings;
  readonly mappings: MappingSettings;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** The SQL read models' database, when the deployment has one: the API and the consumer reach it. */
  readonly sql?: SqlDatabase;
  /** The module registering the KMS key wrapper, bundled into the functions that use subjects' keys. */
  readonly kmsModule?: string;
}

/** The functions of a deployment. */
export interface EventfoldFunctions {
  readonly api: nodejs.NodejsFunction;
  readonly forwarder: nodejs.NodejsFunction;
  readonly replayIterator: nodejs.NodejsFunction;
  /** Applies every projection; absent when there is no projection. */
  readonly projectionConsumer?: nodejs.NodejsFunction;
  /** Runs the process managers on the projection stream; absent when there is none. */
  readonly processConsumer?: nodejs.NodejsFunction;
}

interface Sizing {
  readonly timeout: Duration;
  readonly memorySize: number;
}

/** The functions whose default entry runs none of the app's code: they are bundled without the app module. */
const APP_FREE_ENTRYPOINTS: ReadonlySet<EntrypointName> = new Set(['stream-forwarder', 'replay-iterator']);

/** The app module goes into every function but the app-free ones on their default entry. */
function injected(wiring: FunctionWiring, entrypoint: EntrypointName): string[] {
  const ownEntry = wiring.entrypoints[entrypoint] !== undefined;
  return ownEntry || !APP_FREE_ENTRYPOINTS.has(entrypoint) ? [wiring.appModule] : [];
}

function create(
  scope: Construct,
  wiring: FunctionWiring,
  id: string,
  entrypoint: EntrypointName,
  sizing: Sizing,
  /** The API and the consumer: they reach the SQL read models and decrypt (or encrypt) personal data. */
  showsData = false,
  /** More environment: the replay iterator's SQL database and SQL projections. */
  extra: Record<string, string> = {},
): nodejs.NodejsFunction {
  const sql = showsData && wiring.sql ? sqlEnvironment(wiring.sql) : {};
  const keys = showsData && wiring.kmsModule ? [wiring.kmsModule] : [];
  return eventfoldFunction(scope, {
    id,
    entry: wiring.entrypoints[entrypoint] ?? defaultEntry(entrypoint),
    description: entrypoint,
    environment: { ...wiring.environment, ...sql, ...extra },
    bundling: wiring.bundling,
    inject: [...injected(wiring, entrypoint), ...keys],
    logRetention: wiring.logRetention,
    removalPolicy: wiring.removalPolicy,
    deadLetterQueue: wiring.queues.mappingFailures,
    ...sizing,
  });
}

function grant(fn: nodejs.NodejsFunction, statements: ReturnType<typeof permissions.sendTo>[]): void {
  for (const statement of statements) fn.addToRolePolicy(statement);
}

/** The Data API on the read models' cluster and its secret, for a function that reads or writes SQL read models. */
const sqlStatements = (wiring: FunctionWiring) => (wiring.sql ? permissions.useSqlDatabase(wiring.sql) : []);

function apiFunction(scope: Construct, wiring: FunctionWiring): nodejs.NodejsFunction {
  const fn = create(
    scope,
    wiring,
    'ApiFunction',
    'http-api',
    { timeout: Duration.seconds(29), memorySize: 1024 },
    true,
  );
  const { tables } = wiring;
  grant(fn, [
    ...permissions.appendEvents(tables),
    permissions.useSnapshots(tables),
    permissions.useControlTable(tables),
    ...permissions.readReadModels(tables),
    ...permissions.clearStandbyTables(
      tables,
      wiring.projections.filter((p) => p.rebuildable).map((p) => p.name),
    ),
    ...permissions.driveReplays(wiring.stateMachine),
    // POST /projections/{name}/rollback republishes what the restored table misses onto the replay stream.
    permissions.putRecords(wiring.streams.replay),
    // POST /dead-letters/redrive re-applies parked events through the projection runner.
    ...permissions.writeReadModels(tables),
    permissions.redriveFrom(wiring.queues.parkedEvents.queueArn),
    ...sqlStatements(wiring),
  ]);
  return fn;
}

function forwarderFunction(scope: Construct, wiring: FunctionWiring): nodejs.NodejsFunction {
  const fn = create(scope, wiring, 'ForwarderFunction', 'stream-forwarder', {
    timeout: Duration.seconds(60),
    memorySize: 512,
  });
  grant(fn, [
    ...permissions.readEventsTableStream(wiring.tables),
    permissions.putRecords(wiring.streams.projection),
  ]);
  const streamArn = wiring.tables.events.tableStreamArn as string;
  streamMapping(scope, 'ForwarderMapping', fn, streamArn, wiring.queues.mappingFailures, wiring.mappings);
  return fn;
}

function iteratorFunction(scope: Construct, wiring: FunctionWiring): nodejs.NodejsFunction {
  const sql = iteratorSql(wiring);
  const sizing = { timeout: Duration.minutes(5), memorySize: 1024 };
  const fn = create(
    scope,
    wiring,
    'ReplayIteratorFunction',
    'replay-iterator',
    sizing,
    false,
    sql.environment,
  );
  const { tables } = wiring;
  grant(fn, [
    permissions.readEvents(tables),
    permissions.scanEvents(tables),
    permissions.useControlTable(tables),
    ...permissions.readReadModels(tables),
    permissions.putRecords(wiring.streams.replay),
    ...sql.statements,
  ]);
  return fn;
}

/**
 * The projection consumer: it applies every projection of the app (the runner keeps each projection's gates,
 * parks and tables apart), reading the live and the replay stream through its own enhanced fan-out consumers.
 */
function consumerFunction(scope: Construct, wiring: FunctionWiring): nodejs.NodejsFunction {
  const fn = create(
    scope,
    wiring,
    'ProjectionConsumerFunction',
    'projection-consumer',
    { timeout: Duration.minutes(2), memorySize: 1024 },
    true,
  );
  const { tables, streams, queues } = wiring;
  grant(fn, [
    permissions.readEvents(tables),
    permissions.readControlTable(tables),
    ...permissions.writeReadModels(tables),
    permissions.sendTo(queues.parkedEvents.queueArn),
    ...sqlStatements(wiring),
  ]);
  for (const [role, stream] of [
    ['live', streams.projection],
    ['replay', streams.replay],
  ] as const) {
    const consumer = fanOutConsumer(scope, stream, role);
    grant(fn, permissions.readThroughConsumer(stream, consumer));
    streamMapping(
      scope,
      `ProjectionConsumer-${role}`,
      fn,
      consumer.streamConsumerArn,
      queues.mappingFailures,
      wiring.mappings,
    );
  }
  return fn;
}

/**
 * What running process managers needs (the process consumer, and the timer function a due timer reaches): append
 * events (conditional puts only) and read them, snapshots and the control table's time buckets the command bus
 * keeps, and the parked-events queue for poison inputs.
 */
export function grantProcessRunner(
  fn: nodejs.NodejsFunction,
  tables: EventfoldTables,
  queues: EventfoldQueues,
) {
  grant(fn, [
    ...permissions.appendEvents(tables),
    permissions.useSnapshots(tables),
    permissions.useControlTable(tables),
    permissions.sendTo(queues.parkedEvents.queueArn),
  ]);
}

/**
 * The process consumer: it runs every process manager of the app on the live projection stream (never the replay
 * stream: replays do not dispatch), through its own enhanced fan-out consumer. It appends the process records and
 * the commands' events (conditional puts only), keeps the time buckets and snapshots the command bus keeps, and
 * parks poison inputs in the parked-events queue. Scheduling timers is granted with the timer resources.
 */
function processFunction(scope: Construct, wiring: FunctionWiring): nodejs.NodejsFunction {
  const fn = create(scope, wiring, 'ProcessConsumerFunction', 'process-consumer', {
    timeout: Duration.minutes(2),
    memorySize: 1024,
  });
  const { tables, streams, queues } = wiring;
  grantProcessRunner(fn, tables, queues);
  const consumer = fanOutConsumer(scope, streams.projection, 'processes');
  grant(fn, permissions.readThroughConsumer(streams.projection, consumer));
  streamMapping(
    scope,
    'ProcessConsumer-live',
    fn,
    consumer.streamConsumerArn,
    queues.mappingFailures,
    wiring.mappings,
  );
  return fn;
}

/** Creates the API, forwarder, replay iterator and the consumers, with their permissions and mappings. */
export function createFunctions(scope: Construct, wiring: FunctionWiring): EventfoldFunctions {
  return {
    api: apiFunction(scope, wiring),
    forwarder: forwarderFunction(scope, wiring),
    replayIterator: iteratorFunction(scope, wiring),
    projectionConsumer: wiring.projections.length ? consumerFunction(scope, wiring) : undefined,
    processConsumer: wiring.processes.length ? processFunction(scope, wiring) : undefined,
  };
}
