import type { EventfoldConfig } from '../config';

/**
 * The `EVENTFOLD_*` environment variables that `configFromEnv` reads back into the same configuration
 * (endpoints excepted: on AWS the clients use the default endpoints).
 */
export function environmentOf(config: EventfoldConfig): Record<string, string> {
  const optional = (name: string, value: string | undefined) =>
    value === undefined ? {} : { [name]: value };
  return {
    EVENTFOLD_EVENTS_TABLE: config.eventsTable,
    EVENTFOLD_SNAPSHOTS_TABLE: config.snapshotsTable,
    EVENTFOLD_CONTROL_TABLE: config.controlTable,
    EVENTFOLD_READ_MODEL_TABLE_PREFIX: config.readModelTablePrefix,
    EVENTFOLD_PROJECTION_STREAM: config.projectionStream,
    EVENTFOLD_REPLAY_STREAM: config.replayStream,
    EVENTFOLD_TIME_INDEX_SHARDS: String(config.timeIndexShards),
    ...optional('EVENTFOLD_DLQ_URL', config.deadLetterQueueUrl),
    ...optional('EVENTFOLD_REPLAY_STATE_MACHINE_ARN', config.replayStateMachineArn),
    ...optional('EVENTFOLD_REBUILD_CLEAR_BUDGET_MS', config.rebuildClearBudgetMs?.toString()),
    ...optional('EVENTFOLD_POINTER_CACHE_MS', config.pointerCacheMs?.toString()),
    ...optional('EVENTFOLD_TIMER_GROUP', config.timers?.groupName),
    ...optional('EVENTFOLD_TIMER_TARGET_ARN', config.timers?.targetArn),
    ...optional('EVENTFOLD_TIMER_ROLE_ARN', config.timers?.roleArn),
    ...optional('EVENTFOLD_TIMER_DLQ_ARN', config.timers?.deadLetterArn),
    ...optional('EVENTFOLD_KEYS_TABLE', config.kmsKeyId ? config.keysTable : undefined),
    ...optional('EVENTFOLD_KMS_KEY_ID', config.kmsKeyId),
  };
}
