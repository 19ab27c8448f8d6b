import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { VALIDATION_REPORT_FILE } from 'aws-cdk-lib/cx-api';
import type { NagPack } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { addPolicyChecks } from '../../../examples/cdk-app/checks';
import { ExamplesStack } from '../../../examples/cdk-app/stack';
import {
  ALARM_TOPIC_ARN,
  SYNTH_TIMEOUT_MS,
  idOf,
  referencedIds,
  resourcesOf,
  testProcesses,
  testProjections,
} from './synth';

/**
 * The example deployment judged by a checker we did not write: cdk-nag's AwsSolutions and Serverless packs, added
 * the way the example app adds them (`Validations.of(app).addPlugins`). Bundling is skipped (the packs read the template,
 * not the bundles), so this synth costs little.
 */

interface Finding {
  readonly severity: string;
  readonly rule: string;
  readonly path: string;
}

interface ReportJson {
  pluginReports: Array<{
    violations: Array<{
      ruleName: string;
      severity: string;
      violatingConstructs: Array<{ constructPath: string }>;
    }>;
  }>;
}

let app: App;
let packs: NagPack[];
let synthError: Error | undefined;
let template: Template;

beforeAll(() => {
  app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  new ExamplesStack(app, 'EventfoldNag', {
    alarmTopicArn: ALARM_TOPIC_ARN,
    // With the SQL read models' Aurora cluster, timers, personal data keys and a process manager, so that the packs
    // judge them too.
    eventfold: {
      projections: testProjections,
      processes: testProcesses,
      sql: {},
      timers: true,
      personalData: true,
    },
  });
  packs = addPolicyChecks(app);
  try {
    app.synth();
  } catch (error) {
    synthError = error as Error;
  }
  // The assembly is written before validation runs, so the template is there even when the packs object.
  template = Template.fromJSON(
    JSON.parse(readFileSync(join(app.outdir, 'EventfoldNag.template.json'), 'utf8')),
  );
}, SYNTH_TIMEOUT_MS);

const describeFinding = (f: Finding) => `${f.severity} ${f.rule} at ${f.path}`;

/** What the packs reported through CDK's validation report, which synth writes whenever a plugin is registered. */
function reportedFindings(): Finding[] {
  const file = join(app.outdir, VALIDATION_REPORT_FILE);
  if (!existsSync(file)) throw new Error(`synth wrote no ${VALIDATION_REPORT_FILE}: did the packs run?`);
  const report = JSON.parse(readFileSync(file, 'utf8')) as ReportJson;
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((v) =>
      v.violatingConstructs.map((c) => ({ severity: v.severity, rule: v.ruleName, path: c.constructPath })),
    ),
  );
}

/**
 * What the packs find when acknowledgments are ignored. `isAcknowledged` is cdk-nag's private check; should it be
 * renamed, nothing is found here and the test on stale acknowledgments fails, naming them.
 */
function findingsIgnoringAcknowledgments(): Finding[] {
  return packs.flatMap((pack) => {
    const blind = Object.assign(Object.create(pack) as object, { isAcknowledged: () => false });
    return (blind as unknown as NagPack).validateScope(app).violations.flatMap((v) =>
      v.violatingResources.map((r) => ({
        severity: v.severity ?? '',
        rule: v.ruleName,
        path: r.constructPath!,
      })),
    );
  });
}

interface Acknowledgment {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

/**
 * CDK acknowledges some CloudFormation template-validation rules itself (a VPC's flow log, for instance): those
 * are its decisions on its own resources, not findings of the packs.
 */
const CDK_OWN = /^CloudFormation-Validate::/;

function acknowledgmentsIn(root: IConstruct): Acknowledgment[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      )
      .filter((acknowledgment) => !CDK_OWN.test(acknowledgment.id)),
  );
}

const EXECUTIONS =
  'Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:eventfold-replay:*';

const SCHEDULES =
  'Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/eventfold-timers/*';

/** Every acknowledgment, by resource: a new one is a decision to review here, with its reason in the construct. */
const EXPECTED_ACKNOWLEDGMENTS = [
  ['ParkedEvents', 'AwsSolutions-SQS3'],
  ['ParkedEvents', 'Serverless-SQSRedrivePolicy'],
  ['MappingFailures', 'Serverless-SQSRedrivePolicy'],
  ['ApiFunctionRole', 'AwsSolutions-IAM5[Resource::*]'],
  ['ApiFunctionRole', `AwsSolutions-IAM5[${EXECUTIONS}]`],
  ['ReplayIteratorFunctionRole', 'AwsSolutions-IAM5[Resource::*]'],
  ['ProjectionConsumerFunctionRole', 'AwsSolutions-IAM5[Resource::*]'],
  ['ProcessConsumerFunctionRole', 'AwsSolutions-IAM5[Resource::*]'],
  ['ProcessConsumerFunctionRole', `AwsSolutions-IAM5[${SCHEDULES}]`],
  ['ForwarderFunctionRole', 'AwsSolutions-IAM5[Resource::*]'],
  ['ReplayStateMachineRole', 'AwsSolutions-IAM5[Resource::*]'],
  ['RestApi', 'AwsSolutions-APIG2'],
  ['RestApi/Default/ANY', 'AwsSolutions-COG4'],
  ['RestApi/Default/{proxy+}/ANY', 'AwsSolutions-COG4'],
  ['RestApi/DeploymentStage.v1', 'AwsSolutions-APIG3'],
  ['SqlCluster/Secret', 'AwsSolutions-SMG4'],
  ['Timers/DeadLetters', 'AwsSolutions-SQS3'],
  ['Timers/DeadLetters', 'Serverless-SQSRedrivePolicy'],
  ['Timers/FunctionRole', 'AwsSolutions-IAM5[Resource::*]'],
  ['Timers/FunctionRole', `AwsSolutions-IAM5[${SCHEDULES}]`],
].map(([resource, id]) => `EventfoldNag/Eventfold/${resource} ${id}`);

describe('cdk-nag (AwsSolutions and Serverless packs) over the example stack', () => {
  it('finds no error and no warning that is not acknowledged', () => {
    const findings = reportedFindings();
    const count = (severity: string) => findings.filter((f) => f.severity === severity).length;
    expect({
      errors: count('error'),
      warnings: count('warning'),
      findings: findings.map(describeFinding),
    }).toEqual({
      errors: 0,
      warnings: 0,
      findings: [],
    });
    expect(synthError).toBeUndefined();
  });

  it('acknowledges findings one resource and one rule at a time, each with its own reason', () => {
    const acknowledged = acknowledgmentsIn(app);
    expect(acknowledged.map((a) => `${a.path} ${a.id}`).sort()).toEqual([...EXPECTED_ACKNOWLEDGMENTS].sort());
    for (const { path, id, reason } of acknowledged) {
      expect([path, id, reason.length > 80]).toEqual([path, id, true]);
    }
  });

  it('has a finding behind every acknowledgment (none is stale)', () => {
    const raw = findingsIgnoringAcknowledgments();
    const stale = acknowledgmentsIn(app).filter(
      (a) => !raw.some((f) => f.rule === a.id && (f.path === a.path || f.path.startsWith(`${a.path}/`))),
    );
    expect(stale.map((a) => `${a.path} ${a.id}`)).toEqual([]);
    expect(raw.length).toBe(EXPECTED_ACKNOWLEDGMENTS.length);
  });
});

describe('what the fixes put in the template', () => {
  const functions = () => resourcesOf(template, 'AWS::Lambda::Function');

  it('traces every function with X-Ray and runs it on the latest Node.js runtime', () => {
    expect(functions()).toHaveLength(6); // API, forwarder, replay iterator, projection consumer, timers, processes
    for (const [, fn] of functions()) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', TracingConfig: { Mode: 'Active' } });
    }
  });

  it('gives every function a dead-letter queue, the queue the stream mappings send failed batches to', () => {
    const failures = idOf(template, 'AWS::SQS::Queue', 'MappingFailures');
    for (const [, fn] of functions()) {
      expect([...referencedIds(fn.Properties.DeadLetterConfig?.TargetArn)]).toEqual([failures]);
    }
    for (const [, mapping] of resourcesOf(template, 'AWS::Lambda::EventSourceMapping')) {
      expect([...referencedIds(mapping.Properties.DestinationConfig.OnFailure.Destination)]).toEqual([
        failures,
      ]);
    }
  });

  it('logs every state transition of the replay state machine (level ALL, without data) and traces it', () => {
    const [, machine] = resourcesOf(template, 'AWS::StepFunctions::StateMachine')[0]!;
    expect(machine.Properties).toMatchObject({
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
      TracingConfiguration: { Enabled: true },
    });
    const destination = machine.Properties.LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup;
    expect([...referencedIds(destination)]).toEqual([
      idOf(template, 'AWS::Logs::LogGroup', 'ReplayStateMachineLogs'),
    ]);
  });

  it('writes JSON access logs and error-level execution logs (no bodies) of the API stage, and traces it', () => {
    const [, stage] = resourcesOf(template, 'AWS::ApiGateway::Stage')[0]!;
    expect(stage.Properties).toMatchObject({
      TracingEnabled: true,
      MethodSettings: [
        expect.objectContaining({
          HttpMethod: '*',
          ResourcePath: '/*',
          LoggingLevel: 'ERROR',
          DataTraceEnabled: false,
        }),
      ],
    });
    const { DestinationArn, Format } = stage.Properties.AccessLogSetting;
    expect([...referencedIds(DestinationArn)]).toEqual([
      idOf(template, 'AWS::Logs::LogGroup', 'RestApiAccessLogs'),
    ]);
    expect(JSON.parse(Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
  });

  it('keeps every new log group for the configured retention', () => {
    for (const part of ['ReplayStateMachineLogs', 'RestApiAccessLogs']) {
      const [, group] = resourcesOf(template, 'AWS::Logs::LogGroup').find(([id]) => id.includes(part))!;
      expect(group.Properties.RetentionInDays).toBe(30);
    }
  });
});
