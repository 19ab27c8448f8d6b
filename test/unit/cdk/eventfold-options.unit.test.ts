import { App, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ExamplesStack } from '../../../examples/cdk-app/stack';
import { SYNTH_TIMEOUT_MS, resourcesOf } from './synth';

let template: Template;

beforeAll(() => {
  const stack = new ExamplesStack(new App(), 'EventfoldOptions', {
    eventfold: {
      prefix: 'shop-',
      projections: [],
      removalPolicy: RemovalPolicy.DESTROY,
      projectionStreamShards: 4,
      mappings: {
        retryAttempts: 3,
        maxRecordAge: Duration.hours(2),
        batchSize: 25,
        maxBatchingWindow: Duration.seconds(2),
      },
      api: { logging: false },
    },
  });
  template = Template.fromStack(stack);
}, SYNTH_TIMEOUT_MS);

describe('construct options', () => {
  it('names every table, stream and the state machine after the prefix', () => {
    const tables = resourcesOf(template, 'AWS::DynamoDB::Table').map(([, t]) => t.Properties.TableName);
    expect(tables.sort()).toEqual(['shop-control', 'shop-events', 'shop-rm-_answers', 'shop-snapshots']);
    const streams = resourcesOf(template, 'AWS::Kinesis::Stream').map(([, s]) => [
      s.Properties.Name,
      s.Properties.ShardCount,
    ]);
    expect(streams.sort()).toEqual([
      ['shop-projection', 4],
      ['shop-replay', 1],
    ]);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineName: 'shop-replay' });
  });

  it('keeps the events table whatever the removal policy of the others', () => {
    for (const [, table] of resourcesOf(template, 'AWS::DynamoDB::Table')) {
      const expected = table.Properties.TableName === 'shop-events' ? 'Retain' : 'Delete';
      expect([table.Properties.TableName, table.DeletionPolicy]).toEqual([
        table.Properties.TableName,
        expected,
      ]);
    }
  });

  it('deploys no projection consumer, fan-out consumer or read-model table without projections', () => {
    const descriptions = resourcesOf(template, 'AWS::Lambda::Function').map(
      ([, f]) => f.Properties.Description,
    );
    expect(descriptions.sort()).toEqual([
      'eventfold http-api',
      'eventfold replay-iterator',
      'eventfold stream-forwarder',
    ]);
    expect(resourcesOf(template, 'AWS::Kinesis::StreamConsumer')).toEqual([]);
  });

  it('runs no function with source maps unless the bundling settings ask for them', () => {
    const environments = resourcesOf(template, 'AWS::Lambda::Function').map(
      ([, f]) => f.Properties.Environment?.Variables ?? {},
    );
    expect(environments).toHaveLength(3);
    for (const variables of environments) expect(variables.NODE_OPTIONS).toBeUndefined();
  });

  it('applies the mapping settings', () => {
    const mappings = resourcesOf(template, 'AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(1);
    const [, mapping] = mappings[0]!;
    expect(mapping.Properties).toMatchObject({
      BatchSize: 25,
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 7200,
      MaximumBatchingWindowInSeconds: 2,
      ParallelizationFactor: 1,
    });
  });

  it('writes no API logs with logging off (they need the account-wide API Gateway logging role), still traces', () => {
    const [, stage] = resourcesOf(template, 'AWS::ApiGateway::Stage')[0]!;
    expect(stage.Properties.AccessLogSetting).toBeUndefined();
    expect(stage.Properties.MethodSettings.map((m: any) => m.LoggingLevel ?? 'OFF')).toEqual(['OFF']);
    expect(stage.Properties.TracingEnabled).toBe(true);
    expect(resourcesOf(template, 'AWS::Logs::LogGroup').filter(([id]) => id.includes('RestApi'))).toEqual([]);
  });

  it('leaves no alarm actions without a topic', () => {
    for (const [, alarm] of resourcesOf(template, 'AWS::CloudWatch::Alarm')) {
      expect(alarm.Properties.AlarmActions).toBeUndefined();
    }
  });
});
