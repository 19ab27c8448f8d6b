import {
  CfnOutput,
  Duration,
  RemovalPolicy,
  aws_ec2 as ec2,
  aws_logs as logs,
  aws_rds as rds,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** An Aurora PostgreSQL cluster that exists already: its Data API must be enabled. */
export interface ExistingSqlCluster {
  /** `arn:aws:rds:<region>:<account>:cluster:<name>`. */
  readonly clusterArn: string;
  /** The full ARN of the Secrets Manager secret the Data API signs in with (username and password). */
  readonly secretArn: string;
}

/**
 * SQL read models on Aurora PostgreSQL, reached over the RDS Data API. Without `existing`, the construct creates an
 * Aurora Serverless v2 cluster: encrypted, Data API on, a generated secret in Secrets Manager, deletion protection,
 * retained on stack deletion, in isolated subnets of its own VPC (no NAT: nothing in it reaches out, and the
 * functions stay outside it). Only ARNs reach the functions' environment.
 */
export interface SqlSettings {
  /** Use this cluster and secret instead of creating one. */
  readonly existing?: ExistingSqlCluster;
  /** The database the read models live in. Default `eventfold` (created with the cluster when the construct creates it). */
  readonly database?: string;
  /** Lowest capacity in ACUs: 0 pauses the cluster when idle (a resume takes about 15 s). Default 0. */
  readonly minCapacity?: number;
  /** Highest capacity in ACUs. Default 4. */
  readonly maxCapacity?: number;
  /** How long automated backups are kept. Default 7 days. */
  readonly backupRetention?: Duration;
  /** What becomes of the cluster when the stack is deleted. Default RETAIN (with deletion protection on). */
  readonly removalPolicy?: RemovalPolicy;
  /** The VPC the cluster runs in (in its isolated subnets). Default: a VPC of its own, two AZs, isolated subnets only. */
  readonly vpc?: ec2.IVpc;
  /** Aurora PostgreSQL version. Default 16.9 (Data API and scaling to 0 ACUs). */
  readonly engineVersion?: rds.AuroraPostgresEngineVersion;
}

/** Where the functions find the read models' database: ARNs and a name, never a secret value. */
export interface SqlDatabase {
  readonly clusterArn: string;
  readonly secretArn: string;
  readonly database: string;
  /** The cluster, when the construct created it. */
  readonly cluster?: rds.DatabaseCluster;
  readonly vpc?: ec2.IVpc;
}

const DEFAULT_DATABASE = 'eventfold';

/** The environment variables `dataApiTargetFromEnv` reads: ARNs and the database name only. */
export function sqlEnvironment(sql: SqlDatabase): Record<string, string> {
  return {
    EVENTFOLD_SQL_CLUSTER_ARN: sql.clusterArn,
    EVENTFOLD_SQL_SECRET_ARN: sql.secretArn,
    EVENTFOLD_SQL_DATABASE: sql.database,
  };
}

function sqlVpc(scope: Construct, settings: SqlSettings): ec2.IVpc {
  if (settings.vpc) return settings.vpc;
  const vpc = new ec2.Vpc(scope, 'SqlVpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
  });
  vpc.addFlowLog('SqlVpcFlowLog', {
    destination: ec2.FlowLogDestination.toCloudWatchLogs(
      new logs.LogGroup(scope, 'SqlVpcFlowLogs', {
        retention: logs.RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    ),
    trafficType: ec2.FlowLogTrafficType.REJECT,
  });
  return vpc;
}

/**
 * The cluster's PostgreSQL log group, made ahead of the cluster under the name RDS writes to, so that it has a
 * retention without a log-retention function of CDK's own.
 */
function clusterLogs(
  scope: Construct,
  clusterIdentifier: string,
  removalPolicy: RemovalPolicy,
): logs.LogGroup {
  return new logs.LogGroup(scope, 'SqlClusterLogs', {
    logGroupName: `/aws/rds/cluster/${clusterIdentifier}/postgresql`,
    retention: logs.RetentionDays.ONE_MONTH,
    removalPolicy,
  });
}

function createCluster(
  scope: Construct,
  settings: SqlSettings,
  names: { database: string; clusterIdentifier: string },
): rds.DatabaseCluster {
  const vpc = sqlVpc(scope, settings);
  const removalPolicy = settings.removalPolicy ?? RemovalPolicy.RETAIN;
  const logGroup = clusterLogs(scope, names.clusterIdentifier, removalPolicy);
  const cluster = new rds.DatabaseCluster(scope, 'SqlCluster', {
    clusterIdentifier: names.clusterIdentifier,
    engine: rds.DatabaseClusterEngine.auroraPostgres({
      version: settings.engineVersion ?? rds.AuroraPostgresEngineVersion.VER_16_9,
    }),
    writer: rds.ClusterInstance.serverlessV2('Writer', { publiclyAccessible: false }),
    serverlessV2MinCapacity: settings.minCapacity ?? 0,
    serverlessV2MaxCapacity: settings.maxCapacity ?? 4,
    credentials: rds.Credentials.fromGeneratedSecret('eventfold_admin'),
    defaultDatabaseName: names.database,
    enableDataApi: true,
    storageEncrypted: true,
    iamAuthentication: true,
    deletionProtection: removalPolicy !== RemovalPolicy.DESTROY,
    removalPolicy,
    backup: { retention: settings.backupRetention ?? Duration.days(7) },
    cloudwatchLogsExports: ['postgresql'],
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  });
  cluster.node.addDependency(logGroup);
  return cluster;
}

/**
 * The read models' database: the existing cluster named in `settings`, or a new Aurora Serverless v2 cluster named
 * `<prefix>read-models`.
 */
export function sqlDatabase(scope: Construct, settings: SqlSettings, prefix: string): SqlDatabase {
  const database = settings.database ?? DEFAULT_DATABASE;
  if (settings.existing) return { ...settings.existing, database };
  const cluster = createCluster(scope, settings, { database, clusterIdentifier: `${prefix}read-models` });
  const secretArn = cluster.secret!.secretArn;
  new CfnOutput(scope, 'SqlClusterArn', {
    value: cluster.clusterArn,
    description: 'Aurora cluster of the SQL read models (RDS Data API)',
  });
  return { clusterArn: cluster.clusterArn, secretArn, database, cluster, vpc: cluster.vpc };
}
