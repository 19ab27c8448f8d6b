import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ExamplesStack, type ExamplesStackProps } from '../../../examples/cdk-app/stack';
import { createdSqlIds, DATA_API_ACTIONS, EXISTING_SQL, expectCreatedSqlGrantsOnly } from './sql-grants';
import { SYNTH_TIMEOUT_MS, referencedIds, resourcesOf, statementsOf, testProjections } from './synth';

/**
 * The replay iterator of an app with SQL projections: built without the app, it learns their names and the SQL
 * database from its environment, and may use the Data API on that cluster and that secret only, so that its flip
 * gate reads their gates and a SQL rebuild started on AWS flips. Bundling is skipped: these read the template only.
 */

const SQL_PROJECTIONS = [
  { name: 'concert-search', rebuildable: true, sql: true },
  { name: 'venue-search', rebuildable: false, sql: true },
];
type Json = Record<string, any>;

function synth(id: string, eventfold: ExamplesStackProps['eventfold']): Template {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  return Template.fromStack(new ExamplesStack(app, id, { eventfold }));
}

const iteratorOf = (template: Template): Json =>
  resourcesOf(template, 'AWS::Lambda::Function').find(
    ([, f]) => f.Properties.Description === 'eventfold replay-iterator',
  )![1];

/** The rds-data and secretsmanager statements of the iterator's role. */
function iteratorSqlStatements(template: Template) {
  const role = [...referencedIds(iteratorOf(template).Properties.Role)][0]!;
  return resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, policy]) => referencedIds(policy.Properties.Roles).has(role))
    .flatMap(([, policy]) => statementsOf(policy))
    .filter((s) => s.Action.some((a: string) => /^(rds-data|secretsmanager):/.test(a)));
}

let created: Template;
let existing: Template;
let noSqlProjection: Template;

beforeAll(() => {
  const projections = [...testProjections, ...SQL_PROJECTIONS];
  created = synth('IteratorSql', { projections, sql: {} });
  existing = synth('IteratorSqlExisting', {
    projections,
    sql: { existing: EXISTING_SQL, database: 'concerts' },
  });
  noSqlProjection = synth('IteratorNoSqlProjection', { projections: testProjections, sql: {} });
}, SYNTH_TIMEOUT_MS);

describe('the replay iterator of an app with SQL projections', () => {
  it('is told which projections are SQL and where their database is: ARNs and the name only', () => {
    const { clusterId, attachmentId } = createdSqlIds(created);
    const env = iteratorOf(created).Properties.Environment.Variables;
    expect(env.EVENTFOLD_SQL_PROJECTIONS).toBe('concert-search,venue-search');
    expect([...referencedIds(env.EVENTFOLD_SQL_CLUSTER_ARN)]).toEqual([clusterId]);
    expect(env.EVENTFOLD_SQL_SECRET_ARN).toEqual({ Ref: attachmentId });
    expect(env.EVENTFOLD_SQL_DATABASE).toBe('eventfold');
    expect(JSON.stringify(iteratorOf(created))).not.toMatch(/resolve:secretsmanager|SecretString|password/i);
  });

  it('may use the Data API on that cluster and read that secret, nothing wider', () => {
    expectCreatedSqlGrantsOnly(created, iteratorSqlStatements(created));
  });

  it('with an existing cluster: exactly its ARNs, in the environment and the grants', () => {
    const env = iteratorOf(existing).Properties.Environment.Variables;
    expect(env).toMatchObject({
      EVENTFOLD_SQL_PROJECTIONS: 'concert-search,venue-search',
      EVENTFOLD_SQL_CLUSTER_ARN: EXISTING_SQL.clusterArn,
      EVENTFOLD_SQL_SECRET_ARN: EXISTING_SQL.secretArn,
      EVENTFOLD_SQL_DATABASE: 'concerts',
    });
    expect(iteratorSqlStatements(existing).map((s) => [s.Action.sort(), s.Resource])).toEqual([
      [DATA_API_ACTIONS, [EXISTING_SQL.clusterArn]],
      [['secretsmanager:GetSecretValue'], [EXISTING_SQL.secretArn]],
    ]);
  });

  it('gets no SQL variable and no SQL permission when the app has no SQL projection', () => {
    expect(JSON.stringify(iteratorOf(noSqlProjection))).not.toContain('EVENTFOLD_SQL');
    expect(iteratorSqlStatements(noSqlProjection)).toEqual([]);
  });
});

describe('SQL projections without `sql`', () => {
  it('are refused, naming them', () => {
    const projections = [...testProjections, ...SQL_PROJECTIONS];
    expect(() => synth('SqlProjectionsNoSql', { projections })).toThrow(
      /SQL projections concert-search, venue-search need a SQL database: set the construct's `sql`/,
    );
  });
});
