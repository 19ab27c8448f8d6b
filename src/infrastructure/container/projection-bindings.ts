import type { Logger } from '@aws-lambda-powertools/logger';
import type { Container } from 'inversify';
import { ConfigurationError } from '../../domain/domain-errors';
import type { PersonalDataCodec } from '../../domain/personal/personal-data-codec';
import type { StoredEvent } from '../../domain/stored-event';
import type { DeadLetterQueue, DeadLetterSource } from '../../projections/dead-letters';
import { projectionInfoOf } from '../../projections/projection-decorators';
import { ProjectionRunner } from '../../projections/projection-runner';
import { routeReadModels } from '../../projections/sql/routed-read-model-store';
import type { ReadModelReader, ReadModelStore } from '../../projections/read-model-store';
import type { AnswerJournal } from '../../projections/side-effects';
import type { ProjectionPointerStore } from '../../projections/table-pointer';
import { TimedPointerCache } from '../../projections/timed-pointer-cache';
import { pointerCacheMsOf } from '../config';
import { recordedAnswersTableName } from '../dynamodb/tables/read-model-table';
import { DynamoDbReadModelReader, DynamoDbReadModelStore, tableOfConfig } from '../dynamodb/read-models';
import type { StreamForwarderDeps } from '../forwarder/handle-stream-batch';
import { KinesisPublisher } from '../kinesis/kinesis-publisher';
import type { ProjectionConsumerDeps } from '../kinesis/projection-batch-handler';
import { DynamoDbAnswerJournal } from '../side-effects/dynamodb-answer-journal';
import { SqsDeadLetters } from '../sqs/sqs-dead-letters';
import { CoreTokens } from './core-bindings';
import { codecIn } from './personal-tokens';
import { ReplayTokens } from './replay-bindings';
import { bindSqlReadModels, bindSqlStore, sqlProjectionsOf, SqlTokens } from './sql-bindings';
import { provide, token } from './tokens';
import { UserTokens } from './user-bindings';
import { WriteTokens } from './write-bindings';

/** Tokens of the live path: forwarder, read models, dead letters and the projection consumer. */
export const ProjectionTokens = {
  readModels: token<ReadModelStore>('ReadModelStore'),
  reader: token<ReadModelReader>('ReadModelReader'),
  journal: token<AnswerJournal>('AnswerJournal'),
  deadLetters: token<DeadLetterQueue & DeadLetterSource>('DeadLetters'),
  runner: token<ProjectionRunner>('ProjectionRunner'),
  forwarderDeps: token<StreamForwarderDeps>('StreamForwarderDeps'),
  consumerDeps: token<ProjectionConsumerDeps>('ProjectionConsumerDeps'),
  /** The pointers as live batches read them: kept per container for `pointerCacheMs` (see `TimedPointerCache`). */
  livePointers: token<ProjectionPointerStore>('LiveProjectionPointers'),
} as const;

/** The plain handlers log with a message and a context record; Powertools takes the record as extra keys. */
function logAdapter(logger: Logger) {
  return {
    error: (message: string, context: Record<string, unknown> = {}) => logger.error(message, context),
    warn: (message: string, context: Record<string, unknown> = {}) => logger.warn(message, context),
  };
}

/** The codec's reveal as the runner takes it; undefined when the domain declares no personal data. */
function revealOf(codec: PersonalDataCodec | undefined) {
  return codec ? (event: StoredEvent) => codec.reveal(event) : undefined;
}

/**
 * Binds the read models (DynamoDB, and the SQL store for SQL projections) with their readers, the SQS dead letters
 * and one runner for every projection.
 */
export function bindLivePath(container: Container): void {
  bindSqlReadModels(container);
  bindProjectionRunner(container);
  provide(container, ProjectionTokens.reader, (get) => {
    return new DynamoDbReadModelReader(get(CoreTokens.dynamodb), tableOfConfig(get(CoreTokens.config)));
  });
}

/**
 * Binds what the projection consumer resolves: the read-model stores its projections write to, the SQS dead
 * letters, the answer journal, the cached pointers, the runner and the consumer's dependencies; not the readers
 * the HTTP API serves documents and rows with.
 */
export function bindProjectionRunner(container: Container): void {
  bindSqlStore(container);
  provide(container, ProjectionTokens.readModels, (get) => {
    const dynamo = new DynamoDbReadModelStore(
      get(CoreTokens.dynamodb),
      tableOfConfig(get(CoreTokens.config)),
    );
    const sql = sqlProjectionsOf(get(UserTokens.projections)).map((p) => projectionInfoOf(p).name);
    return sql.length === 0 ? dynamo : routeReadModels(dynamo, get(SqlTokens.store), sql);
  });
  provide(container, ProjectionTokens.journal, (get) => {
    return new DynamoDbAnswerJournal(
      get(CoreTokens.dynamodb),
      recordedAnswersTableName(get(CoreTokens.config)),
    );
  });
  provide(container, ProjectionTokens.deadLetters, (get) => {
    const url = get(CoreTokens.config).deadLetterQueueUrl;
    if (!url)
      throw new ConfigurationError('projection consumers need EVENTFOLD_DLQ_URL (the dead-letter queue)');
    return new SqsDeadLetters(() => get(CoreTokens.sqs), url);
  });
  provide(container, ProjectionTokens.livePointers, (get) => {
    return new TimedPointerCache(get(ReplayTokens.pointers), pointerCacheMsOf(get(CoreTokens.config)));
  });
  provide(container, ProjectionTokens.runner, (get) => {
    const domain = get(CoreTokens.domain);
    return new ProjectionRunner({
      projections: get(UserTokens.projections),
      registry: domain.events,
      store: get(ProjectionTokens.readModels),
      eventStore: get(WriteTokens.eventStore),
      deadLetters: get(ProjectionTokens.deadLetters),
      journal: get(ProjectionTokens.journal),
      pointers: get(ProjectionTokens.livePointers),
      aggregateEventTypes: (type) => domain.eventTypesOf(type),
      reveal: revealOf(codecIn(container, get)),
    });
  });
  provide(container, ProjectionTokens.consumerDeps, (get) => ({
    runner: get(ProjectionTokens.runner),
    pointers: get(ProjectionTokens.livePointers),
    logger: logAdapter(get(CoreTokens.logger)),
  }));
}

/** Binds the stream forwarder's dependencies: its Kinesis publisher and logger (and nothing of the consumer). */
export function bindForwarder(container: Container): void {
  provide(container, ProjectionTokens.forwarderDeps, (get) => ({
    publisher: new KinesisPublisher(get(CoreTokens.kinesis), get(CoreTokens.config).projectionStream),
    logger: logAdapter(get(CoreTokens.logger)),
  }));
}
