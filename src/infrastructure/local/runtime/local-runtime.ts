import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { Container } from 'inversify';
import { createDynamoDbClient, createKinesisClient, createSqsClient } from '../../aws/clients';
import type { EventfoldConfig } from '../../config';
import type { DynamoDbLocal } from '../dynamodb-local';
import type { Observability } from '../../container/core-bindings';
import { createEventfoldContainer } from '../../container/create-container';
import { disposeEventfoldContainer } from '../../container/dispose-container';
import { type EventfoldApp, projectionNames } from '../../container/eventfold-app';
import { closeSqlClient, SqlTokens } from '../../container/sql-bindings';
import { LazySqlClient } from '../../sql/lazy-sql-client';
import { PgliteSqlClient } from '../../sql/pglite-sql-client';
import { isSqlProjection } from '../../../projections/sql/sql-projection';
import { httpApi } from '../../lambda/http-api';
import { replayIterator } from '../../lambda/replay-iterator';
import { timerFired } from '../../lambda/timer-fired';
import { answerClock, CLOCK_PATH } from '../scheduler/clock-route';
import { type LocalTimers, startLocalTimers } from '../scheduler/local-timers';
import { startEmulators } from './emulators';
import { startLocalHttpServer } from './http-server';
import { masterKeyFileOf } from './master-key-file';
import { eventsStreamArn, provisionEventStore, provisionKeys, provisionReadModels } from './provision';
import { createRuntimeConfig, LOCAL_ITERATOR_ARN } from './runtime-config';
import { type MappingSettings, startRuntimeMappings } from './runtime-mappings';
import { StopStack } from './stop-stack';

/** Options of the embedded runtime. */
export interface LocalRuntimeOptions {
  readonly app: EventfoldApp;
  /** Keep DynamoDB and Kinesis data (and the mappings' checkpoints) in this folder; in memory when absent. */
  readonly dataDir?: string;
  /** HTTP port; a free one when 0 or absent. */
  readonly port?: number;
  readonly host?: string;
  readonly projectionStreamShards?: number;
  readonly replayStreamShards?: number;
  readonly mappings?: MappingSettings;
  readonly observability?: Observability;
  /** A DynamoDB Local started beforehand on `<dataDir>/dynamodb` (see `startEmulators`); one is started when absent. */
  readonly dynamodb?: Promise<DynamoDbLocal>;
  /** Called with problems of the background parts (mapping errors); silent when absent. */
  readonly onError?: (where: string, error: unknown) => void;
}

/** The running runtime. */
export interface LocalRuntime {
  /** Where the HTTP API answers, e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  readonly config: EventfoldConfig;
  readonly container: Container;
  /** The local stand-in of EventBridge Scheduler, with the clock `POST /local/clock` moves. */
  readonly timers: LocalTimers;
  /** Stops the HTTP server, the mappings, then every emulator; nothing is left running. */
  stop(): Promise<void>;
}

/**
 * Starts the whole pipeline on this machine: the emulators, the tables and streams from the deployment's
 * definitions, the replay state machine, the event source mappings calling the Lambda handlers, and the HTTP API.
 * @example
 * const runtime = await startLocalRuntime({ app });
 * await fetch(`${runtime.url}/commands/CreateOrder`, { method: 'POST', body: JSON.stringify(cmd) });
 * await runtime.stop();
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const stops = new StopStack();
  try {
    return await start(options, stops);
  } catch (error) {
    await stops.stopAll();
    throw error;
  }
}

/** The projections that keep DynamoDB tables: all but the SQL ones. */
function documentProjectionNames(app: EventfoldApp): string[] {
  const tables = app.projections.filter((p) => !isSqlProjection(p));
  return projectionNames({ ...app, projections: tables });
}

async function start(options: LocalRuntimeOptions, stops: StopStack): Promise<LocalRuntime> {
  // The Step Functions endpoint starts before the container exists; the iterator resolves it when first called.
  const late: { container?: Container } = {};
  const iterator = replayIterator(() => late.container!);
  const emulators = await startEmulators({
    dataDir: options.dataDir,
    dynamodb: options.dynamodb,
    lambdaHandlers: { [LOCAL_ITERATOR_ARN]: (input) => iterator(input) },
  });
  stops.push(() => emulators.stop());
  const { config: base, mappingFailuresQueueUrl } = await createRuntimeConfig(emulators.endpoints);
  const dynamodb = createDynamoDbClient(base.endpoints);
  const kinesis = createKinesisClient(base.endpoints);
  const sqs: SQSClient = createSqsClient(base.endpoints);
  stops.push(async () => [dynamodb, kinesis, sqs].forEach((c) => c.destroy()));
  const timers = await startLocalTimers({
    dynamodb,
    sqs,
    pollIntervalMs: options.mappings?.pollIntervalMs,
    retryBackoffMs: options.mappings?.retryBackoffMs,
    onError: (error) => options.onError?.('timers', error),
  });
  stops.push(() => timers.stop());
  const endpoints = { ...base.endpoints, scheduler: timers.endpoint };
  const masterKeyFile = masterKeyFileOf(options.dataDir);
  if (!options.dataDir) stops.push(async () => rmSync(masterKeyFile, { force: true }));
  const config = { ...base, endpoints, timers: timers.settings, masterKeyFile };
  await Promise.all([
    provisionEventStore(dynamodb, kinesis, config, {
      projectionStreamShards: options.projectionStreamShards ?? 2,
      replayStreamShards: options.replayStreamShards ?? 2,
    }),
    provisionReadModels(dynamodb, config, documentProjectionNames(options.app)),
  ]);
  if (options.app.domain.personal.declared) await provisionKeys(dynamodb, config);
  const clock = () => timers.clock.now();
  const built = createEventfoldContainer({
    app: options.app,
    config,
    observability: options.observability,
    clock,
  });
  // SQL projections keep their tables in PGlite, under the data directory (in memory without one).
  const pglite = options.dataDir === undefined ? undefined : join(options.dataDir, 'pglite');
  built.rebindSync(SqlTokens.client).toConstantValue(new LazySqlClient(() => PgliteSqlClient.open(pglite)));
  late.container = built;
  stops.push(async () => {
    disposeEventfoldContainer(built);
    await closeSqlClient(built);
  });
  const mappings = startRuntimeMappings(built, {
    eventsStreamArn: await eventsStreamArn(dynamodb, config),
    mappingFailuresQueueUrl,
    sqs,
    dataDir: options.dataDir,
    settings: options.mappings,
    onError: (mapping, error) => options.onError?.(mapping, error),
  });
  stops.push(() => mappings.stop());
  timers.deliverTo(timerFired(() => built));
  const api = httpApi(() => built);
  const front = (event: APIGatewayProxyEvent) =>
    event.path === CLOCK_PATH ? answerClock(timers, event) : api(event);
  const server = await startLocalHttpServer(front, options.port ?? 0, options.host);
  stops.push(() => server.stop());
  return { url: server.url, config, container: built, timers, stop: () => stops.stopAll() };
}
