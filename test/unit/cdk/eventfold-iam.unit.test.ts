import type { Template } from 'aws-cdk-lib/assertions';
import { FORBIDDEN_EVENT_ACTIONS } from '../../../src/infrastructure/cdk';
import { TimeIndex } from '../../../src/infrastructure/dynamodb/tables';
import { SYNTH_TIMEOUT_MS, idOf, referencedIds, resourcesOf, statementsOf, synthesizeExample } from './synth';

let template: Template;

beforeAll(() => {
  template = synthesizeExample().template;
}, SYNTH_TIMEOUT_MS);

const policies = () => resourcesOf(template, 'AWS::IAM::Policy');
const allowed = () =>
  policies().flatMap(([id, policy]) =>
    statementsOf(policy)
      .filter((s) => s.Effect === 'Allow')
      .map((s) => ({ policy: id, roles: referencedIds(policy.Properties.Roles), ...s })),
  );

const eventsTableId = () =>
  resourcesOf(template, 'AWS::DynamoDB::Table').find(
    ([, t]) => t.Properties.TableName === 'eventfold-events',
  )![0];

/** Statements whose resources include the events table itself or its indexes (not its stream). */
const onEventsTable = () =>
  allowed().filter((s) =>
    s.Resource.some((r) => {
      const text = JSON.stringify(r);
      return text.includes(`"${eventsTableId()}","Arn"`);
    }),
  );

function stateMachineRole(): string {
  const [, machine] = resourcesOf(template, 'AWS::StepFunctions::StateMachine')[0]!;
  return [...referencedIds(machine.Properties.RoleArn)][0]!;
}

function roleOf(description: string): string {
  const [, fn] = resourcesOf(template, 'AWS::Lambda::Function').find(
    ([, f]) => f.Properties.Description === `eventfold ${description}`,
  )!;
  return [...referencedIds(fn.Properties.Role)][0]!;
}

/** Every resource a role's policies reach, as logical ids and literal ARN parts. */
function reachOf(role: string): Set<string> {
  const reached = new Set<string>();
  for (const statement of allowed().filter((s) => s.roles.has(role))) {
    for (const resource of statement.Resource) {
      referencedIds(resource).forEach((id) => reached.add(id));
      const literal = JSON.stringify(resource).match(/:(stateMachine|execution):[\w-]+/);
      if (literal) reached.add(literal[0]);
    }
  }
  return reached;
}

describe('IAM: every policy in the template', () => {
  it('has policies to check (one per function role and the state machine role)', () => {
    expect(policies().length).toBe(5);
  });

  it('never allows a wildcard action', () => {
    for (const statement of allowed()) {
      for (const action of statement.Action) expect(action).not.toContain('*');
    }
  });

  it('allows a wildcard resource only for actions that have no resource-level permissions', () => {
    const wildcardActions = (role: string) =>
      [
        ...new Set(
          allowed()
            .filter((s) => s.roles.has(role) && s.Resource.includes('*'))
            .flatMap((s) => s.Action),
        ),
      ].sort();
    const tracing = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];
    for (const fn of ['http-api', 'replay-iterator', 'projection-consumer']) {
      expect([fn, wildcardActions(roleOf(fn))]).toEqual([fn, tracing]);
    }
    expect(wildcardActions(roleOf('stream-forwarder'))).toEqual(['dynamodb:ListStreams', ...tracing]);
    expect(wildcardActions(stateMachineRole())).toEqual(
      [
        ...['Create', 'Get', 'Update', 'Delete'].map((verb) => `logs:${verb}LogDelivery`),
        'logs:ListLogDeliveries',
        'logs:PutResourcePolicy',
        'logs:DescribeResourcePolicies',
        'logs:DescribeLogGroups',
        ...tracing,
        'xray:GetSamplingRules',
        'xray:GetSamplingTargets',
      ].sort(),
    );
  });

  it("names the events table's indexes one by one (from its definition), never index/*", () => {
    const indexResources = allowed()
      .flatMap((s) => s.Resource)
      .map((r) => JSON.stringify(r))
      .filter((r) => r.includes('/index/'));
    expect(indexResources.length).toBeGreaterThan(0);
    for (const resource of indexResources) expect(resource).toContain(`"/index/${TimeIndex.name}"`);
  });

  it('never allows UpdateItem, DeleteItem or BatchWriteItem on the events table', () => {
    const statements = onEventsTable();
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      for (const forbidden of FORBIDDEN_EVENT_ACTIONS) expect(statement.Action).not.toContain(forbidden);
    }
  });

  it('lets only the replay iterator scan the events table (its pages of every event)', () => {
    const scanners = onEventsTable().filter((s) => s.Action.includes('dynamodb:Scan'));
    expect(scanners.map((s) => [...s.roles])).toEqual([[roleOf('replay-iterator')]]);
    expect(scanners.flatMap((s) => s.Action)).toEqual(['dynamodb:Scan']);
  });

  it('lets only the API function write events, and only with conditional puts and condition checks', () => {
    const writers = onEventsTable().filter((s) =>
      s.Action.some((a) => !['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'].includes(a)),
    );
    expect(writers.map((s) => [...s.roles])).toEqual([[roleOf('http-api')]]);
    expect(writers.flatMap((s) => s.Action).sort()).toEqual([
      'dynamodb:ConditionCheckItem',
      'dynamodb:PutItem',
    ]);
  });

  it('gives the functions no managed policies (whose log permissions reach every log group)', () => {
    for (const [, role] of resourcesOf(template, 'AWS::IAM::Role')) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('IAM: each function reaches only what it uses', () => {
  const table = (name: string) =>
    resourcesOf(template, 'AWS::DynamoDB::Table').find(([, t]) => t.Properties.TableName === name)![0];
  const queue = (part: string) => idOf(template, 'AWS::SQS::Queue', part);
  const stream = (part: string) => idOf(template, 'AWS::Kinesis::Stream', part);
  const logs = (part: string) => idOf(template, 'AWS::Logs::LogGroup', part);
  const readModels = () =>
    ['order-documents-blue', 'order-documents-green', 'account-balances-blue'].map((s) =>
      table(`eventfold-rm-${s}`),
    );

  it('forwarder: the events table stream, the projection stream, the failure queue, its logs', () => {
    expect([...reachOf(roleOf('stream-forwarder'))].sort()).toEqual(
      [
        table('eventfold-events'),
        stream('ProjectionStream'),
        queue('MappingFailures'),
        logs('ForwarderFunction'),
      ].sort(),
    );
    const streamStatement = allowed().find((s) => s.Action.includes('dynamodb:GetRecords'))!;
    expect(JSON.stringify(streamStatement.Resource)).toContain('StreamArn');
  });

  it('API: events, snapshots, control, read models and answers, parked events (redrive), the replay state machine and its executions, the replay stream (rollback catch-up), its logs and DLQ', () => {
    expect([...reachOf(roleOf('http-api'))].sort()).toEqual(
      [
        table('eventfold-events'),
        table('eventfold-snapshots'),
        table('eventfold-control'),
        ...readModels(),
        table('eventfold-rm-_answers'),
        queue('ParkedEvents'),
        queue('MappingFailures'),
        ':stateMachine:eventfold-replay',
        ':execution:eventfold-replay',
        stream('ReplayStream'),
        logs('ApiFunction'),
      ].sort(),
    );
  });

  it('API: may batch-delete items only in the tables of rebuildable projections (clearing a standby slot)', () => {
    const clears = allowed().filter((s) => s.Action.includes('dynamodb:BatchWriteItem'));
    expect(clears.map((s) => [...s.roles])).toEqual([[roleOf('http-api')]]);
    expect(clears.flatMap((s) => s.Action).sort()).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:Scan']);
    expect(clears.flatMap((s) => s.Resource.flatMap((r) => [...referencedIds(r)])).sort()).toEqual(
      [table('eventfold-rm-order-documents-blue'), table('eventfold-rm-order-documents-green')].sort(),
    );
  });

  it('lets no function delete, create or reconfigure a table: the stack owns every table', () => {
    const tableLifecycle = ['dynamodb:DeleteTable', 'dynamodb:CreateTable', 'dynamodb:UpdateTable'];
    expect(allowed().flatMap((s) => s.Action.filter((a) => tableLifecycle.includes(a)))).toEqual([]);
  });

  it('replay iterator: reads events, control, read models; writes the replay stream; its logs and DLQ', () => {
    expect([...reachOf(roleOf('replay-iterator'))].sort()).toEqual(
      [
        table('eventfold-events'),
        table('eventfold-control'),
        ...readModels(),
        stream('ReplayStream'),
        queue('MappingFailures'),
        logs('ReplayIterator'),
      ].sort(),
    );
  });

  it('projection consumer: reads events and control, writes read models and answers, parks poison events', () => {
    const reached = reachOf(roleOf('projection-consumer'));
    const consumers = resourcesOf(template, 'AWS::Kinesis::StreamConsumer').map(([id]) => id);
    expect([...reached].sort()).toEqual(
      [
        table('eventfold-events'),
        table('eventfold-control'),
        table('eventfold-rm-_answers'),
        ...readModels(),
        queue('ParkedEvents'),
        queue('MappingFailures'),
        stream('ProjectionStream'),
        stream('ReplayStream'),
        ...consumers,
        logs('ProjectionConsumer'),
      ].sort(),
    );
    const eventStatements = onEventsTable().filter((s) => s.roles.has(roleOf('projection-consumer')));
    expect(eventStatements.flatMap((s) => s.Action).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
  });

  it('state machine: invokes the iterator (its unqualified ARN only) and starts executions of itself only', () => {
    const role = stateMachineRole();
    const iterator = resourcesOf(template, 'AWS::Lambda::Function').find(
      ([, f]) => f.Properties.Description === 'eventfold replay-iterator',
    )![0];
    const scoped = allowed().filter((s) => s.roles.has(role) && !s.Resource.includes('*'));
    expect([...reachOf(role)].sort()).toEqual([iterator, ':stateMachine:eventfold-replay'].sort());
    expect(scoped.flatMap((s) => s.Action).sort()).toEqual([
      'lambda:InvokeFunction',
      'states:StartExecution',
    ]);
    const invoke = scoped.find((s) => s.Action.includes('lambda:InvokeFunction'))!;
    expect(invoke.Resource).toEqual([{ 'Fn::GetAtt': [iterator, 'Arn'] }]);
  });
});
