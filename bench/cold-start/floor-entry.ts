import 'reflect-metadata/lite';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { plainToInstance } from 'class-transformer';
import { IsInt, IsString, MaxLength, Min, validateSync } from 'class-validator';
import { Container, inject, injectable } from 'inversify';

/*
 * The cold-start floor: the baseline's two clients plus the libraries eventfold's functions are built on, each used
 * once as a function of any framework on them would (an inversify container resolving a service with its clients
 * and Powertools' logger and metrics injected; a command validated with class-validator after class-transformer
 * made it an instance). No eventfold code and no app: what those libraries cost before the framework adds anything.
 */

const TOKENS = {
  dynamodb: Symbol('dynamodb'),
  kinesis: Symbol('kinesis'),
  logger: Symbol('logger'),
  metrics: Symbol('metrics'),
};

class Deposit {
  @IsString() @MaxLength(64) accountId!: string;
  @IsInt() @Min(1) amount!: number;
}

@injectable()
class Service {
  constructor(
    @inject(TOKENS.dynamodb) readonly dynamodb: DynamoDBClient,
    @inject(TOKENS.kinesis) readonly kinesis: KinesisClient,
    @inject(TOKENS.logger) readonly logger: Logger,
    @inject(TOKENS.metrics) readonly metrics: Metrics,
  ) {}
}

const container = new Container();
container.bind(TOKENS.dynamodb).toConstantValue(new DynamoDBClient({}));
container.bind(TOKENS.kinesis).toConstantValue(new KinesisClient({}));
container.bind(TOKENS.logger).toConstantValue(new Logger({ serviceName: 'floor' }));
container.bind(TOKENS.metrics).toConstantValue(new Metrics({ namespace: 'floor', serviceName: 'floor' }));
container.bind(Service).toSelf().inSingletonScope();

/** Resolves the service, validates a command, logs and publishes a metric: every library touched once. */
export const handler = async (): Promise<{ regions: string[]; errors: number }> => {
  const service = container.get(Service);
  service.metrics.captureColdStartMetric('floor');
  const errors = validateSync(plainToInstance(Deposit, { accountId: 'a-1', amount: 5 })).length;
  service.logger.info('validated', { errors });
  service.metrics.addMetric('floorInvocations', MetricUnit.Count, 1);
  service.metrics.publishStoredMetrics();
  const regions = await Promise.all([service.dynamodb.config.region(), service.kinesis.config.region()]);
  return { regions, errors };
};
