import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ExamplesStack } from '../../../examples/cdk-app/stack';
import { SYNTH_TIMEOUT_MS, idOf, referencedIds, resourcesOf, statementsOf, testProjections } from './synth';

type Json = Record<string, any>;

/** The example stack without bundling (the template is what is checked), with or without a process manager. */
function synth(processes: string[]): Template {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new ExamplesStack(app, processes.length ? 'Processes' : 'NoProcesses', {
    eventfold: { projections: testProjections, processes },
  });
  return Template.fromStack(stack);
}

let template: Template;
let without: Template;

beforeAll(() => {
  template = synth(['hold-expiry']);
  without = synth([]);
}, SYNTH_TIMEOUT_MS);

const functionId = (part: string) => idOf(template, 'AWS::Lambda::Function', part);
const roleOf = (part: string) => {
  const [, fn] = resourcesOf(template, 'AWS::Lambda::Function').find(([id]) => id === functionId(part))!;
  return [...referencedIds(fn.Properties.Role)][0]!;
};
const statementsOfRole = (role: string) =>
  resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, p]) => referencedIds(p.Properties.Roles).has(role))
    .flatMap(([, p]) => statementsOf(p as Json));

/** Every resource a role's statements reach: logical ids, and the schedule group's ARN by its literal part. */
function reachOf(role: string): string[] {
  const reached = new Set<string>();
  for (const statement of statementsOfRole(role)) {
    for (const resource of statement.Resource) {
      referencedIds(resource).forEach((id) => reached.add(id));
      if (JSON.stringify(resource).includes(':schedule/eventfold-timers/*')) reached.add('schedules');
    }
  }
  return [...reached].sort();
}

describe('process managers in the construct', () => {
  it('maps the process consumer to a fan-out consumer of the live projection stream only', () => {
    const consumer = idOf(template, 'AWS::Kinesis::StreamConsumer', 'processes');
    const [, stream] = resourcesOf(template, 'AWS::Kinesis::StreamConsumer').find(([id]) => id === consumer)!;
    expect([...referencedIds(stream.Properties.StreamARN)]).toEqual([
      idOf(template, 'AWS::Kinesis::Stream', 'ProjectionStream'),
    ]);
    const mappings = resourcesOf(template, 'AWS::Lambda::EventSourceMapping').filter(([, m]) =>
      referencedIds(m.Properties.FunctionName).has(functionId('ProcessConsumerFunction')),
    );
    expect(mappings.map(([, m]) => [...referencedIds(m.Properties.EventSourceArn)])).toEqual([[consumer]]);
    expect(mappings[0]![1].Properties).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
      ParallelizationFactor: 1,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: {
        OnFailure: {
          Destination: { 'Fn::GetAtt': [idOf(template, 'AWS::SQS::Queue', 'MappingFailures'), 'Arn'] },
        },
      },
    });
  });

  it('lets its role reach the event store, the parked-events queue, its stream, its logs and the schedules only', () => {
    const table = (name: string) =>
      resourcesOf(template, 'AWS::DynamoDB::Table').find(([, t]) => t.Properties.TableName === name)![0];
    expect(reachOf(roleOf('ProcessConsumerFunction'))).toEqual(
      [
        table('eventfold-events'),
        table('eventfold-snapshots'),
        table('eventfold-control'),
        idOf(template, 'AWS::SQS::Queue', 'ParkedEvents'),
        idOf(template, 'AWS::SQS::Queue', 'MappingFailures'),
        idOf(template, 'AWS::Kinesis::Stream', 'ProjectionStream'),
        idOf(template, 'AWS::Kinesis::StreamConsumer', 'processes'),
        idOf(template, 'AWS::Logs::LogGroup', 'ProcessConsumer'),
        idOf(template, 'AWS::IAM::Role', 'TimersSchedulerRole'),
        'schedules',
      ].sort(),
    );
    const onEvents = statementsOfRole(roleOf('ProcessConsumerFunction')).filter((s) =>
      JSON.stringify(s.Resource).includes(`"${table('eventfold-events')}","Arn"`),
    );
    expect([...new Set(onEvents.flatMap((s) => s.Action))].sort()).toEqual([
      'dynamodb:ConditionCheckItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
    ]);
  });

  it('brings the timer resources, and lets the timer function record and dispatch like the consumer', () => {
    expect(resourcesOf(template, 'AWS::Scheduler::ScheduleGroup')).toHaveLength(1);
    const timerActions = statementsOfRole(roleOf('TimersFunction')).flatMap((s) => s.Action);
    expect(timerActions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'sqs:SendMessage']));
    expect(timerActions.filter((a) => /Delete(Item|Table)|BatchWrite/.test(a))).toEqual([]);
  });

  it('alarms on the process consumer falling behind its stream', () => {
    const alarmed = resourcesOf(template, 'AWS::CloudWatch::Alarm')
      .map(([, a]) => a.Properties)
      .filter((a) => a.MetricName === 'IteratorAge')
      .flatMap((a) => [...referencedIds(a.Dimensions)]);
    expect(alarmed).toContain(functionId('ProcessConsumerFunction'));
  });

  it('adds no process consumer, fan-out consumer or timers without process managers', () => {
    const ids = Object.keys(without.toJSON().Resources as Json);
    expect(ids.filter((id) => /ProcessConsumer|FanOutprocesses|Timers/.test(id))).toEqual([]);
  });
});
