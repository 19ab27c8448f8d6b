import { type AwsEndpoints, endpointsFromEnv } from './aws/aws-config';

export type { TableSlot } from '../projections/table-pointer';
import type { TableSlot } from '../projections/table-pointer';

/** Names of every resource eventfold uses, the same locally and on AWS. */
export interface EventfoldConfig {
  readonly endpoints: AwsEndpoints;
  readonly eventsTable: string;
  readonly snapshotsTable: string;
  readonly controlTable: string;
  /** Read-model tables are `<prefix><projection>-<slot>`. */
  readonly readModelTablePrefix: string;
  readonly projectionStream: string;
  readonly replayStream: string;
  /** Dead letters of projection consumers (SQS queue URL); absent when none is configured. */
  readonly deadLetterQueueUrl?: string;
  readonly replayStateMachineArn?: string;
  /**
   * Write shards of the time index (partition key = time bucket + shard); 0 (the default) keeps no time index and
   * replays scan the events table.
   */
  readonly timeIndexShards: number;
  /**
   * How long one call that starts a rebuild may spend clearing the standby table, in ms (unlimited when
   * absent); the rest is cleared by the next call. The CDK construct sets it below the API function's timeout.
   */
  readonly rebuildClearBudgetMs?: number;
  /**
   * How long a projection consumer's container keeps a projection pointer before reading it again, in ms (3,000
   * when absent; 0 reads it for every batch). Hand-overs (flip, rollback, a rebuild start) wait this long plus 1 s
   * for batches that use the old pointer, so every function of an app must be given the same value.
   */
  readonly pointerCacheMs?: number;
  /** Where process managers' timers are scheduled (EventBridge Scheduler); absent when the app has none. */
  readonly timers?: TimerSettings;
  /** The keys table: one wrapped data key per data subject (used only when the domain declares personal data). */
  readonly keysTable?: string;
  /** The KMS key that wraps the data keys on AWS (id or ARN); the local runtime uses `masterKeyFile` instead. */
  readonly kmsKeyId?: string;
  /** Locally: the file holding the master key that wraps the data keys (created on first use). */
  readonly masterKeyFile?: string;
  /** The PostgreSQL server of SQL projections (a connection URL); the local runtime uses PGlite instead. */
  readonly sqlUrl?: string;
  /** Prefix of the schemas SQL projections keep their tables in (`rm_` when absent). */
  readonly sqlSchemaPrefix?: string;
}

/** The EventBridge Scheduler resources timers use: set by the CDK construct, and by the local runtime. */
export interface TimerSettings {
  /** The app's schedule group. */
  readonly groupName: string;
  /** The timer function each schedule invokes. */
  readonly targetArn: string;
  /** The role the scheduler assumes to invoke it. */
  readonly roleArn: string;
  /** The queue a delivery that failed every retry goes to. */
  readonly deadLetterArn?: string;
}

function timerSettingsFromEnv(env: NodeJS.ProcessEnv): TimerSettings | undefined {
  const { EVENTFOLD_TIMER_GROUP: groupName, EVENTFOLD_TIMER_TARGET_ARN: targetArn } = env;
  const { EVENTFOLD_TIMER_ROLE_ARN: roleArn, EVENTFOLD_TIMER_DLQ_ARN: deadLetterArn } = env;
  if (!groupName || !targetArn || !roleArn) return undefined;
  return { groupName, targetArn, roleArn, deadLetterArn: deadLetterArn || undefined };
}

/** Where SQL projections keep their tables: `EVENTFOLD_SQL_URL` and `EVENTFOLD_SQL_SCHEMA_PREFIX`, if set. */
function sqlSettingsFromEnv(env: NodeJS.ProcessEnv): Pick<EventfoldConfig, 'sqlUrl' | 'sqlSchemaPrefix'> {
  return {
    sqlUrl: env.EVENTFOLD_SQL_URL || undefined,
    sqlSchemaPrefix: env.EVENTFOLD_SQL_SCHEMA_PREFIX || undefined,
  };
}

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new Error(`${name} must be a positive whole number, got ${value}`);
  return parsed;
}

function wholeNumber(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new Error(`${name} must be a whole number from 0, got ${value}`);
  return parsed;
}

function optionalWholeNumber(value: string | undefined, name: string): number | undefined {
  return value === undefined || value === '' ? undefined : wholeNumber(value, 0, name);
}

/** How long a consumer keeps a projection pointer (`pointerCacheMs`, or its default). */
export function pointerCacheMsOf(config: EventfoldConfig): number {
  return config.pointerCacheMs ?? DEFAULT_POINTER_CACHE_MS;
}

function optionalPositiveInt(value: string | undefined, name: string): number | undefined {
  return value === undefined || value === '' ? undefined : positiveInt(value, 0, name);
}

/** How long a consumer keeps a projection pointer when the configuration does not say. */
export const DEFAULT_POINTER_CACHE_MS = 3_000;

/**
 * Reads the configuration from `EVENTFOLD_*` environment variables (set by the CDK construct on AWS and by the
 * local runtime on one machine), with the defaults of the local runtime.
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): EventfoldConfig {
  return {
    endpoints: endpointsFromEnv(env),
    eventsTable: env.EVENTFOLD_EVENTS_TABLE ?? 'eventfold-events',
    snapshotsTable: env.EVENTFOLD_SNAPSHOTS_TABLE ?? 'eventfold-snapshots',
    controlTable: env.EVENTFOLD_CONTROL_TABLE ?? 'eventfold-control',
    readModelTablePrefix: env.EVENTFOLD_READ_MODEL_TABLE_PREFIX ?? 'eventfold-rm-',
    projectionStream: env.EVENTFOLD_PROJECTION_STREAM ?? 'eventfold-projection',
    replayStream: env.EVENTFOLD_REPLAY_STREAM ?? 'eventfold-replay',
    deadLetterQueueUrl: env.EVENTFOLD_DLQ_URL,
    replayStateMachineArn: env.EVENTFOLD_REPLAY_STATE_MACHINE_ARN,
    timeIndexShards: wholeNumber(env.EVENTFOLD_TIME_INDEX_SHARDS, 0, 'EVENTFOLD_TIME_INDEX_SHARDS'),
    rebuildClearBudgetMs: optionalPositiveInt(
      env.EVENTFOLD_REBUILD_CLEAR_BUDGET_MS,
      'EVENTFOLD_REBUILD_CLEAR_BUDGET_MS',
    ),
    pointerCacheMs: optionalWholeNumber(env.EVENTFOLD_POINTER_CACHE_MS, 'EVENTFOLD_POINTER_CACHE_MS'),
    timers: timerSettingsFromEnv(env),
    keysTable: env.EVENTFOLD_KEYS_TABLE ?? 'eventfold-keys',
    kmsKeyId: env.EVENTFOLD_KMS_KEY_ID || undefined,
    masterKeyFile: env.EVENTFOLD_MASTER_KEY_FILE || undefined,
    ...sqlSettingsFromEnv(env),
  };
}

/** The read-model table of a projection in one slot. */
export function readModelTableName(config: EventfoldConfig, projection: string, slot: TableSlot): string {
  return `${config.readModelTablePrefix}${projection}-${slot}`;
}
