import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ExamplesStack } from '../../../examples/cdk-app/stack';
import {
  ALARM_TOPIC_ARN,
  SYNTH_TIMEOUT_MS,
  referencedIds,
  resourcesOf,
  statementsOf,
  testProjections,
} from './synth';

type Json = Record<string, any>;

/** The example stack without bundling (the template is what is checked), with or without timers. */
function synth(timers: boolean): Template {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new ExamplesStack(app, timers ? 'Timers' : 'NoTimers', {
    alarmTopicArn: ALARM_TOPIC_ARN,
    eventfold: { projections: testProjections, timers },
  });
  return Template.fromStack(stack);
}

let template: Template;
let without: Template;

beforeAll(() => {
  template = synth(true);
  without = synth(false);
}, SYNTH_TIMEOUT_MS);

const text = (value: unknown) => JSON.stringify(value);
const only = (t: Template, type: string): [string, Json] => {
  const found = resourcesOf(t, type);
  expect(found).toHaveLength(1);
  return found[0]!;
};

function roleAssumedBy(service: string): string {
  const roles = resourcesOf(template, 'AWS::IAM::Role').filter(([, r]) =>
    text(r.Properties.AssumeRolePolicyDocument).includes(service),
  );
  expect(roles).toHaveLength(1);
  return roles[0]![0];
}

/** Every allowed statement of the policies attached to a role. */
function statementsOfRole(role: string) {
  return resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, p]) => referencedIds(p.Properties.Roles).has(role))
    .flatMap(([, p]) => statementsOf(p));
}

function timerFunction(): [string, Json] {
  const fns = resourcesOf(template, 'AWS::Lambda::Function').filter(
    ([, f]) => f.Properties.FunctionName === 'eventfold-timer',
  );
  expect(fns).toHaveLength(1);
  return fns[0]!;
}

const timerDlq = () =>
  resourcesOf(template, 'AWS::SQS::Queue').find(([id]) => id.includes('TimersDeadLetters'))![0];

describe('timers in the construct', () => {
  it('creates the app schedule group, named after the prefix', () => {
    const [, group] = only(template, 'AWS::Scheduler::ScheduleGroup');
    expect(group.Properties.Name).toBe('eventfold-timers');
  });

  it('lets the scheduler role only invoke the timer function and send to its dead-letter queue', () => {
    const role = roleAssumedBy('scheduler.amazonaws.com');
    const [, roleResource] = resourcesOf(template, 'AWS::IAM::Role').find(([id]) => id === role)!;
    expect(text(roleResource.Properties.AssumeRolePolicyDocument)).toContain('aws:SourceAccount');
    const statements = statementsOfRole(role);
    expect(statements.map((s) => s.Action).sort()).toEqual([['lambda:InvokeFunction'], ['sqs:SendMessage']]);
    const invoke = statements.find((s) => s.Action[0] === 'lambda:InvokeFunction')!;
    expect(text(invoke.Resource)).toContain(':function:eventfold-timer"');
    const send = statements.find((s) => s.Action[0] === 'sqs:SendMessage')!;
    expect([...referencedIds(send.Resource)]).toEqual([timerDlq()]);
  });

  it('lets the timer function create and delete schedules in the group and pass only the scheduler role', () => {
    const [, fn] = timerFunction();
    const role = [...referencedIds(fn.Properties.Role)][0]!;
    const statements = statementsOfRole(role);
    const scheduling = statements.filter((s) => s.Action.some((a) => a.startsWith('scheduler:')));
    expect(scheduling).toHaveLength(1);
    expect(scheduling[0]!.Action.sort()).toEqual(['scheduler:CreateSchedule', 'scheduler:DeleteSchedule']);
    expect(text(scheduling[0]!.Resource)).toContain(':schedule/eventfold-timers/*');
    const pass = statements.filter((s) => s.Action.includes('iam:PassRole'));
    expect(pass).toHaveLength(1);
    expect([...referencedIds(pass[0]!.Resource)]).toEqual([roleAssumedBy('scheduler.amazonaws.com')]);
    const policy = resourcesOf(template, 'AWS::IAM::Policy').find(([, p]) =>
      text(p).includes('iam:PassRole'),
    )!;
    expect(text(policy)).toContain('"iam:PassedToService":"scheduler.amazonaws.com"');
  });

  it('gives no other role scheduler or PassRole rights', () => {
    const timerRole = [...referencedIds(timerFunction()[1].Properties.Role)][0]!;
    const others = resourcesOf(template, 'AWS::IAM::Policy').filter(
      ([, p]) => !referencedIds(p.Properties.Roles).has(timerRole),
    );
    for (const [, policy] of others) {
      const actions = statementsOf(policy).flatMap((s) => s.Action);
      expect(actions.filter((a) => a.startsWith('scheduler:') || a === 'iam:PassRole')).toEqual([]);
    }
  });

  it('tells every function where timers go', () => {
    for (const [, fn] of resourcesOf(template, 'AWS::Lambda::Function')) {
      const env = fn.Properties.Environment.Variables as Json;
      expect(env.EVENTFOLD_TIMER_GROUP).toBe('eventfold-timers');
      expect(text(env.EVENTFOLD_TIMER_TARGET_ARN)).toContain(':function:eventfold-timer"');
      expect([...referencedIds(env.EVENTFOLD_TIMER_DLQ_ARN)]).toEqual([timerDlq()]);
    }
  });

  it('alarms on the timer dead-letter queue and on the group failed deliveries, notifying the topic', () => {
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties as Json);
    const onDlq = alarms.filter((a) => referencedIds(a.Dimensions).has(timerDlq()));
    expect(onDlq).toHaveLength(1);
    const failed = alarms.filter((a) => (text(a.Metrics) ?? '').includes('AWS/Scheduler'));
    expect(failed).toHaveLength(1);
    const metrics = (failed[0]!.Metrics as Json[]).filter((m) => m.MetricStat);
    expect(metrics.map((m) => m.MetricStat.Metric.MetricName).sort()).toEqual([
      'InvocationDroppedCount',
      'InvocationsFailedToBeSentToDeadLetterCount',
      'InvocationsSentToDeadLetterCount',
    ]);
    for (const m of metrics)
      expect(m.MetricStat.Metric.Dimensions).toEqual([{ Name: 'ScheduleGroup', Value: 'eventfold-timers' }]);
    for (const alarm of [...onDlq, ...failed]) expect(alarm.AlarmActions).toEqual([ALARM_TOPIC_ARN]);
  });

  it('adds nothing for timers when they are off', () => {
    expect(resourcesOf(without, 'AWS::Scheduler::ScheduleGroup')).toEqual([]);
    const fns = resourcesOf(without, 'AWS::Lambda::Function');
    expect(fns.filter(([, f]) => f.Properties.FunctionName === 'eventfold-timer')).toEqual([]);
    expect(text(without.toJSON())).not.toMatch(/EVENTFOLD_TIMER_|scheduler\.amazonaws\.com|scheduler:/);
  });
});
