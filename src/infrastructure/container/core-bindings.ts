import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Container } from 'inversify';
import type { DomainModel } from '../../domain/domain-model';
import type { EventfoldConfig } from '../config';
import type { EventfoldApp } from './eventfold-app';
import { token } from './tokens';

/** Tokens of the configuration, the application, observability and the AWS clients. */
export const CoreTokens = {
  config: token<EventfoldConfig>('Config'),
  app: token<EventfoldApp>('App'),
  domain: token<DomainModel>('Domain'),
  logger: token<Logger>('Logger'),
  metrics: token<Metrics>('Metrics'),
  dynamodb: token<DynamoDBClient>('DynamoDBClient'),
  kinesis: token<KinesisClient>('KinesisClient'),
  sfn: token<SFNClient>('SFNClient'),
  sqs: token<SQSClient>('SQSClient'),
  /** The time now: commit times and timers read it (the local runtime's can be moved forward). */
  clock: token<() => Date>('Clock'),
} as const;

/** Observability objects a caller may pass instead of the defaults (Powertools logger and metrics). */
export interface Observability {
  readonly logger?: Logger;
  readonly metrics?: Metrics;
}

/**
 * Binds the configuration, the clock, a Powertools logger and metrics: what every role uses, including those that
 * run none of the app's code (the stream forwarder, the replay iterator).
 */
export function bindObservability(
  container: Container,
  config: EventfoldConfig,
  observability: Observability,
  clock: () => Date = () => new Date(),
): void {
  container.bind(CoreTokens.clock).toConstantValue(clock);
  container.bind(CoreTokens.config).toConstantValue(config);
  container
    .bind(CoreTokens.logger)
    .toConstantValue(observability.logger ?? new Logger({ serviceName: 'eventfold' }));
  container
    .bind(CoreTokens.metrics)
    .toConstantValue(
      observability.metrics ?? new Metrics({ namespace: 'eventfold', serviceName: 'eventfold' }),
    );
}

/**
 * Binds the configuration, the clock, the app, a Powertools logger and metrics. The AWS clients are bound apart
 * (`client-bindings`), so that a function's bundle holds only the clients its role uses.
 */
export function bindCore(
  container: Container,
  app: EventfoldApp,
  config: EventfoldConfig,
  observability: Observability,
  clock: () => Date = () => new Date(),
): void {
  bindObservability(container, config, observability, clock);
  container.bind(CoreTokens.app).toConstantValue(app);
  container.bind(CoreTokens.domain).toConstantValue(app.domain);
}
