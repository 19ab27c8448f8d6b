import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { configFromEnv, readModelTableName } from '../../../src/infrastructure/config';
import { EventsTableKeys, TimeIndex } from '../../../src/infrastructure/dynamodb/tables';
import { REPLAY_ASL_PATH } from '../../../src/infrastructure/stepfunctions/replay-definition';
import {
  ALARM_TOPIC_ARN,
  SYNTH_TIMEOUT_MS,
  idOf,
  referencedIds,
  resourcesOf,
  synthesizeExample,
  testProjections,
} from './synth';

let template: Template;
let assemblyDir: string;

beforeAll(() => {
  ({ template, assemblyDir } = synthesizeExample());
}, SYNTH_TIMEOUT_MS);

const tableNamed = (name: string) =>
  resourcesOf(template, 'AWS::DynamoDB::Table').find(([, r]) => r.Properties.TableName === name);

const functionEntry = (description: string) =>
  resourcesOf(template, 'AWS::Lambda::Function').find(
    ([, r]) => r.Properties.Description === `eventfold ${description}`,
  )!;

describe('events table', () => {
  it('keys items by stream and version, with the time index, from the shared table definition', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'eventfold-events',
      KeySchema: [
        { AttributeName: EventsTableKeys.partitionKey, KeyType: 'HASH' },
        { AttributeName: EventsTableKeys.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [
        {
          IndexName: TimeIndex.name,
          KeySchema: [
            { AttributeName: TimeIndex.partitionKey, KeyType: 'HASH' },
            { AttributeName: TimeIndex.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });

  it('streams new images, keeps point-in-time recovery, is encrypted and protected from deletion', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'eventfold-events',
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: true,
    });
  });

  it('is retained when the stack is deleted or the table replaced', () => {
    const [, events] = tableNamed('eventfold-events')!;
    expect(events.DeletionPolicy).toBe('Retain');
    expect(events.UpdateReplacePolicy).toBe('Retain');
  });

  it('denies every principal the actions that change or remove a stored event', () => {
    const [, events] = tableNamed('eventfold-events')!;
    const statements = events.Properties.ResourcePolicy.PolicyDocument.Statement;
    expect(statements).toEqual([
      expect.objectContaining({
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
      }),
    ]);
    expect(JSON.stringify(statements[0].Resource)).toContain(':table/eventfold-events');
  });
});

describe('other tables', () => {
  it('creates the snapshot, control and recorded-answers tables, encrypted with point-in-time recovery', () => {
    for (const name of ['eventfold-snapshots', 'eventfold-control', 'eventfold-rm-_answers']) {
      const [, table] = tableNamed(name) ?? [];
      expect(table?.Properties).toMatchObject({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      });
    }
  });

  it('creates two read-model tables (blue and green) per rebuildable projection and one otherwise', () => {
    const config = configFromEnv(functionEnvironment('http-api'));
    const expected = testProjections.flatMap((p) =>
      (p.rebuildable ? (['blue', 'green'] as const) : (['blue'] as const)).map((slot) =>
        readModelTableName(config, p.name, slot),
      ),
    );
    expect(expected).toEqual([
      'eventfold-rm-order-documents-blue',
      'eventfold-rm-order-documents-green',
      'eventfold-rm-account-balances-blue',
    ]);
    const names = resourcesOf(template, 'AWS::DynamoDB::Table').map(([, r]) => r.Properties.TableName);
    expect(
      names.filter((n: string) => n.startsWith('eventfold-rm-') && n !== 'eventfold-rm-_answers').sort(),
    ).toEqual([...expected].sort());
  });
});

function functionEnvironment(description: string): Record<string, string> {
  const variables = functionEntry(description)[1].Properties.Environment.Variables as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(variables).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
}

describe('functions', () => {
  const entrypoints = ['http-api', 'stream-forwarder', 'projection-consumer', 'replay-iterator'];

  it('creates one Node.js 24 function per entrypoint, bundled as an asset', () => {
    const functions = resourcesOf(template, 'AWS::Lambda::Function');
    expect(functions.map(([, r]) => r.Properties.Description).sort()).toEqual(
      entrypoints.map((e) => `eventfold ${e}`).sort(),
    );
    for (const [, fn] of functions) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Handler: 'index.handler' });
      expect(fn.Properties.Code.S3Key).toMatch(/\.zip$/);
      expect(fn.Metadata['aws:asset:path']).toMatch(/^asset\./);
    }
  });

  it('gives every function the EVENTFOLD_* variables configFromEnv reads, naming the created resources', () => {
    for (const entrypoint of entrypoints) {
      const env = functionEnvironment(entrypoint);
      const config = configFromEnv(env);
      expect(config).toMatchObject({
        eventsTable: 'eventfold-events',
        snapshotsTable: 'eventfold-snapshots',
        controlTable: 'eventfold-control',
        readModelTablePrefix: 'eventfold-rm-',
        projectionStream: 'eventfold-projection',
        replayStream: 'eventfold-replay',
        timeIndexShards: 0,
        // Below the API function's 29 s timeout: a rebuild's clearing goes on over several calls.
        rebuildClearBudgetMs: 20_000,
      });
      expect(env.EVENTFOLD_DLQ_URL).toContain(idOf(template, 'AWS::SQS::Queue', 'ParkedEvents'));
      expect(env.EVENTFOLD_REPLAY_STATE_MACHINE_ARN).toContain(':stateMachine:eventfold-replay');
    }
  });

  const bundleOf = (description: string) =>
    readFileSync(
      join(assemblyDir, functionEntry(description)[1].Metadata['aws:asset:path'], 'index.js'),
      'utf8',
    );

  it('bundles the app module ahead of the entrypoints that run its code, and only those', () => {
    for (const entrypoint of ['http-api', 'projection-consumer']) {
      const bundle = bundleOf(entrypoint);
      expect(bundle).toContain('"order-documents"');
      expect(bundle).toContain('"CreateOrder"');
    }
    // The forwarder and the replay iterator move stored events without decoding them: no app code to load.
    for (const entrypoint of ['stream-forwarder', 'replay-iterator']) {
      expect(bundleOf(entrypoint)).not.toContain('"CreateOrder"');
    }
  });

  it('bundles the app in place, so the SDK is tree-shaken: no aggregated DynamoDB client in any function', () => {
    // With the app injected, esbuild wrapped every module for lazy evaluation and kept the client's every command.
    for (const entrypoint of entrypoints) expect(bundleOf(entrypoint)).not.toContain('(this,"DynamoDB")');
  });

  it('leaves no character outside ASCII in the bundles, so V8 holds their source as one-byte text', () => {
    for (const entrypoint of entrypoints) {
      const bundle = bundleOf(entrypoint);
      expect(bundle).not.toMatch(/[\u0080-\uffff]/);
    }
  });

  it('keeps class names in the bundles (errors and events are routed by name)', () => {
    const bundle = bundleOf('http-api');
    // esbuild's keepNames re-attaches each minified class's original name: `static{x(this,"ConcurrencyError")}`.
    expect(bundle).toMatch(/\(this,"ConcurrencyError"\)/);
  });
});

describe('streams and mappings', () => {
  it('creates encrypted projection and replay streams', () => {
    for (const name of ['eventfold-projection', 'eventfold-replay']) {
      template.hasResourceProperties('AWS::Kinesis::Stream', {
        Name: name,
        StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
      });
    }
  });

  it('reads both streams through enhanced fan-out consumers of the projection consumer', () => {
    const consumers = resourcesOf(template, 'AWS::Kinesis::StreamConsumer');
    const streams = consumers.map(([, c]) => [...referencedIds(c.Properties.StreamARN)][0]);
    expect(streams.sort()).toEqual(
      [
        idOf(template, 'AWS::Kinesis::Stream', 'ProjectionStream'),
        idOf(template, 'AWS::Kinesis::Stream', 'ReplayStream'),
      ].sort(),
    );
    const consumerFunction = functionEntry('projection-consumer')[0];
    const mapped = resourcesOf(template, 'AWS::Lambda::EventSourceMapping').filter(([, m]) =>
      referencedIds(m.Properties.FunctionName).has(consumerFunction),
    );
    expect(mapped.map(([, m]) => [...referencedIds(m.Properties.EventSourceArn)][0]).sort()).toEqual(
      consumers.map(([id]) => id).sort(),
    );
  });

  it('maps the events table stream to the forwarder', () => {
    const forwarder = functionEntry('stream-forwarder')[0];
    const [, mapping] = resourcesOf(template, 'AWS::Lambda::EventSourceMapping').find(([, m]) =>
      referencedIds(m.Properties.FunctionName).has(forwarder),
    )!;
    expect(mapping.Properties.EventSourceArn).toEqual({
      'Fn::GetAtt': [tableNamed('eventfold-events')![0], 'StreamArn'],
    });
  });

  it('configures every mapping for order, poison isolation and bounded retries', () => {
    const mappings = resourcesOf(template, 'AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(3);
    const failures = idOf(template, 'AWS::SQS::Queue', 'MappingFailures');
    for (const [, mapping] of mappings) {
      expect(mapping.Properties).toMatchObject({
        StartingPosition: 'TRIM_HORIZON',
        ParallelizationFactor: 1,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 10,
        MaximumRecordAgeInSeconds: 86400,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [failures, 'Arn'] } } },
      });
    }
  });
});

describe('replay state machine', () => {
  it('runs the same ASL file as the local runtime, with the iterator function substituted', () => {
    const [, machine] = resourcesOf(template, 'AWS::StepFunctions::StateMachine')[0]!;
    expect(machine.Properties.StateMachineName).toBe('eventfold-replay');
    expect(machine.Properties.StateMachineType).toBe('STANDARD');
    expect(JSON.parse(machine.Properties.DefinitionString)).toEqual(
      JSON.parse(readFileSync(REPLAY_ASL_PATH, 'utf8')),
    );
    expect(machine.Properties.DefinitionSubstitutions).toEqual({
      ReplayIteratorFunctionArn: { 'Fn::GetAtt': [functionEntry('replay-iterator')[0], 'Arn'] },
    });
  });
});

describe('REST API', () => {
  it('requires IAM (SigV4) on every method and proxies to the API function', () => {
    const methods = resourcesOf(template, 'AWS::ApiGateway::Method');
    expect(methods.length).toBeGreaterThanOrEqual(2);
    const api = functionEntry('http-api')[0];
    for (const [, method] of methods) {
      expect(method.Properties.AuthorizationType).toBe('AWS_IAM');
      expect(method.Properties.Integration.Type).toBe('AWS_PROXY');
      expect(referencedIds(method.Properties.Integration.Uri).has(api)).toBe(true);
    }
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: '{proxy+}' });
  });
});

describe('dead letters and alarms', () => {
  it('keeps dead letters in encrypted queues that refuse plain HTTP', () => {
    const queues = resourcesOf(template, 'AWS::SQS::Queue');
    expect(queues).toHaveLength(2);
    for (const [, queue] of queues) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('alarms on iterator age of every stream-fed function, on dead letters and on failed replays', () => {
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const watched = (metric: string) =>
      alarms.filter((a) => a.MetricName === metric).flatMap((a) => [...referencedIds(a.Dimensions)]);
    expect(watched('IteratorAge').sort()).toEqual(
      [functionEntry('stream-forwarder')[0], functionEntry('projection-consumer')[0]].sort(),
    );
    expect(watched('ApproximateNumberOfMessagesVisible').sort()).toEqual(
      [
        idOf(template, 'AWS::SQS::Queue', 'ParkedEvents'),
        idOf(template, 'AWS::SQS::Queue', 'MappingFailures'),
      ].sort(),
    );
    expect(watched('ExecutionsFailed')).toEqual([
      resourcesOf(template, 'AWS::StepFunctions::StateMachine')[0]![0],
    ]);
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([ALARM_TOPIC_ARN]);
  });
});
