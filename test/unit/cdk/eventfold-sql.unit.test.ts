import { App, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ExamplesStack, type ExamplesStackProps } from '../../../examples/cdk-app/stack';
import { createdSqlIds, DATA_API_ACTIONS, EXISTING_SQL, expectCreatedSqlGrantsOnly } from './sql-grants';
import { SYNTH_TIMEOUT_MS, referencedIds, resourcesOf, statementsOf, testProjections } from './synth';

/**
 * The `sql` option's template: the Aurora Serverless v2 cluster it creates (or the one it is given), who may reach
 * it and with what, and that no secret value is anywhere but in Secrets Manager. Bundling is skipped: these read
 * the template only.
 */

function synth(id: string, eventfold: ExamplesStackProps['eventfold']): Template {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  return Template.fromStack(
    new ExamplesStack(app, id, { eventfold: { projections: testProjections, ...eventfold } }),
  );
}

let created: Template;
let existing: Template;
let none: Template;
let small: Template;

beforeAll(() => {
  created = synth('EventfoldSql', { sql: {} });
  existing = synth('EventfoldSqlExisting', { sql: { existing: EXISTING_SQL, database: 'concerts' } });
  none = synth('EventfoldNoSql', {});
  small = synth('EventfoldSqlOptions', {
    prefix: 'shop-',
    sql: {
      minCapacity: 0.5,
      maxCapacity: 2,
      backupRetention: Duration.days(14),
      removalPolicy: RemovalPolicy.DESTROY,
    },
  });
}, SYNTH_TIMEOUT_MS);

type Json = Record<string, any>;

const roleOfFunction = (template: Template, description: string) => {
  const [, fn] = resourcesOf(template, 'AWS::Lambda::Function').find(
    ([, f]) => f.Properties.Description === `eventfold ${description}`,
  )!;
  return [...referencedIds(fn.Properties.Role)][0]!;
};

/** Every allowed statement with the roles it is attached to. */
const statements = (template: Template) =>
  resourcesOf(template, 'AWS::IAM::Policy').flatMap(([, policy]) =>
    statementsOf(policy).map((s) => ({ roles: referencedIds(policy.Properties.Roles), ...s })),
  );

const sqlStatements = (template: Template) =>
  statements(template).filter((s) => s.Action.some((a) => /^(rds-data|secretsmanager):/.test(a)));

const environmentOf = (template: Template, description: string): Json => {
  const [, fn] = resourcesOf(template, 'AWS::Lambda::Function').find(
    ([, f]) => f.Properties.Description === `eventfold ${description}`,
  )!;
  return fn.Properties.Environment.Variables;
};

describe('sql: {} creates an Aurora PostgreSQL Serverless v2 cluster for the read models', () => {
  it('with the Data API, encryption, 0-4 ACUs, 7 days of backups, deletion protection, kept on stack deletion', () => {
    const clusters = resourcesOf(created, 'AWS::RDS::DBCluster');
    expect(clusters).toHaveLength(1);
    const [, cluster] = clusters[0]!;
    expect(cluster.Properties).toMatchObject({
      Engine: 'aurora-postgresql',
      EnableHttpEndpoint: true,
      StorageEncrypted: true,
      ServerlessV2ScalingConfiguration: { MinCapacity: 0, MaxCapacity: 4 },
      BackupRetentionPeriod: 7,
      DeletionProtection: true,
      DatabaseName: 'eventfold',
      DBClusterIdentifier: 'eventfold-read-models',
    });
    expect([cluster.DeletionPolicy, cluster.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    const instances = resourcesOf(created, 'AWS::RDS::DBInstance').map(([, i]) => i.Properties);
    expect(instances).toEqual([
      expect.objectContaining({ DBInstanceClass: 'db.serverless', PubliclyAccessible: false }),
    ]);
  });

  it('in isolated subnets of a VPC with no way in or out: no internet gateway, no NAT, no ingress rule', () => {
    for (const type of [
      'AWS::EC2::InternetGateway',
      'AWS::EC2::NatGateway',
      'AWS::EC2::SecurityGroupIngress',
    ]) {
      expect([type, resourcesOf(created, type)]).toEqual([type, []]);
    }
    const routes = resourcesOf(created, 'AWS::EC2::Route');
    expect(routes).toEqual([]);
    const [, group] = resourcesOf(created, 'AWS::RDS::DBSubnetGroup')[0]!;
    const subnets = [...referencedIds(group.Properties.SubnetIds)];
    expect(subnets.length).toBe(2);
    for (const subnet of subnets) expect(subnet).toMatch(/isolated/i);
  });

  it('signs in with a generated secret in Secrets Manager: no password in the template', () => {
    const secrets = resourcesOf(created, 'AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(1);
    const [secretId, secret] = secrets[0]!;
    expect(secret.Properties.GenerateSecretString).toMatchObject({ GenerateStringKey: 'password' });
    expect(secret.Properties.SecretString).toBeUndefined();
    const [, cluster] = resourcesOf(created, 'AWS::RDS::DBCluster')[0]!;
    expect(JSON.stringify(cluster.Properties.MasterUserPassword)).toContain(`{{resolve:secretsmanager:`);
    expect([...referencedIds(cluster.Properties.MasterUserPassword)]).toEqual([secretId]);
  });

  it('gives the API and the projection consumer the Data API on that cluster and the secret, and nothing wider', () => {
    const granted = sqlStatements(created);
    const roles = ['http-api', 'projection-consumer'].map((fn) => roleOfFunction(created, fn));
    expect(new Set(granted.flatMap((s) => [...s.roles]))).toEqual(new Set(roles));
    for (const role of roles) {
      expectCreatedSqlGrantsOnly(
        created,
        granted.filter((s) => s.roles.has(role)),
      );
    }
  });

  it('puts only ARNs and the database name in the environment, of those two functions only', () => {
    const { clusterId, attachmentId } = createdSqlIds(created);
    for (const fn of ['http-api', 'projection-consumer']) {
      const env = environmentOf(created, fn);
      expect([...referencedIds(env.EVENTFOLD_SQL_CLUSTER_ARN)]).toEqual([clusterId]);
      expect(env.EVENTFOLD_SQL_SECRET_ARN).toEqual({ Ref: attachmentId });
      expect(env.EVENTFOLD_SQL_DATABASE).toBe('eventfold');
    }
    for (const fn of ['stream-forwarder', 'replay-iterator']) {
      expect(Object.keys(environmentOf(created, fn)).filter((k) => k.startsWith('EVENTFOLD_SQL'))).toEqual(
        [],
      );
    }
    const functions = JSON.stringify(resourcesOf(created, 'AWS::Lambda::Function'));
    expect(functions).not.toMatch(/resolve:secretsmanager|SecretString|password/i);
  });

  it('takes its size, backups and removal from the options', () => {
    const [, cluster] = resourcesOf(small, 'AWS::RDS::DBCluster')[0]!;
    expect(cluster.Properties).toMatchObject({
      ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 2 },
      BackupRetentionPeriod: 14,
      DeletionProtection: false,
      DBClusterIdentifier: 'shop-read-models',
    });
    expect(cluster.DeletionPolicy).toBe('Delete');
  });
});

describe('sql: { existing } uses a cluster and secret of yours', () => {
  it('creates no cluster, VPC or secret, and grants the Data API and GetSecretValue on exactly those ARNs', () => {
    for (const type of ['AWS::RDS::DBCluster', 'AWS::EC2::VPC', 'AWS::SecretsManager::Secret']) {
      expect([type, resourcesOf(existing, type)]).toEqual([type, []]);
    }
    const granted = sqlStatements(existing).map((s) => [s.Action.sort(), s.Resource]);
    expect(granted).toEqual([
      [DATA_API_ACTIONS, [EXISTING_SQL.clusterArn]],
      [['secretsmanager:GetSecretValue'], [EXISTING_SQL.secretArn]],
      [DATA_API_ACTIONS, [EXISTING_SQL.clusterArn]],
      [['secretsmanager:GetSecretValue'], [EXISTING_SQL.secretArn]],
    ]);
    expect(environmentOf(existing, 'projection-consumer')).toMatchObject({
      EVENTFOLD_SQL_CLUSTER_ARN: EXISTING_SQL.clusterArn,
      EVENTFOLD_SQL_SECRET_ARN: EXISTING_SQL.secretArn,
      EVENTFOLD_SQL_DATABASE: 'concerts',
    });
  });
});

describe('without sql', () => {
  it('creates no database, VPC or secret, grants no Data API and sets no SQL variable', () => {
    for (const type of ['AWS::RDS::DBCluster', 'AWS::EC2::VPC', 'AWS::SecretsManager::Secret']) {
      expect([type, resourcesOf(none, type)]).toEqual([type, []]);
    }
    expect(sqlStatements(none)).toEqual([]);
    expect(JSON.stringify(resourcesOf(none, 'AWS::Lambda::Function'))).not.toContain('EVENTFOLD_SQL');
  });
});
