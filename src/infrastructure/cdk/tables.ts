import { type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { RemovalPolicy, Stack, aws_dynamodb as dynamodb, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { TableSlot } from '../../projections/table-pointer';
import { readModelTableName } from '../config';
import {
  controlTableDefinition,
  eventsTableDefinition,
  readModelTableDefinition,
  recordedAnswersTableName,
  snapshotsTableDefinition,
} from '../dynamodb/tables';
import type { ResourceNames } from './resource-names';
import { tableSchemaOf } from './table-schema';

/** A projection as the construct deploys it. */
export interface DeployedProjection {
  readonly name: string;
  /** Two tables (blue and green) instead of one, so that it can be rebuilt without downtime. */
  readonly rebuildable: boolean;
  /** A SQL projection: its read model lives in the SQL database (`sql`), not in DynamoDB tables. */
  readonly sql?: boolean;
}

/** The tables of one deployment. */
export interface EventfoldTables {
  readonly events: dynamodb.Table;
  readonly snapshots: dynamodb.Table;
  readonly control: dynamodb.Table;
  readonly recordedAnswers: dynamodb.Table;
  /** Read-model tables by projection name, one per slot. */
  readonly readModels: ReadonlyMap<string, readonly dynamodb.Table[]>;
}

/** Actions no principal may take on the events table: a stored event is never changed or removed. */
export const FORBIDDEN_EVENT_ACTIONS = [
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

function table(
  scope: Construct,
  id: string,
  definition: CreateTableCommandInput,
  extra: Partial<dynamodb.TableProps> = {},
): dynamodb.Table {
  const schema = tableSchemaOf(definition);
  const created = new dynamodb.Table(scope, id, {
    tableName: definition.TableName,
    partitionKey: schema.partitionKey,
    sortKey: schema.sortKey,
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    encryption: dynamodb.TableEncryption.AWS_MANAGED,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    ...extra,
  });
  for (const index of schema.globalSecondaryIndexes) {
    created.addGlobalSecondaryIndex({ ...index, projectionType: dynamodb.ProjectionType.ALL });
  }
  return created;
}

/**
 * The events table: stream of new images for the forwarder, the time index, point-in-time recovery, encryption,
 * deletion protection, kept when the stack is deleted, and a resource policy that denies every principal the
 * actions that would change or remove a stored event.
 */
function eventsTable(scope: Construct, names: ResourceNames): dynamodb.Table {
  const arn = Stack.of(scope).formatArn({
    service: 'dynamodb',
    resource: 'table',
    resourceName: names.eventsTable,
  });
  const denyChanges = new iam.PolicyStatement({
    sid: 'StoredEventsAreImmutable',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: FORBIDDEN_EVENT_ACTIONS,
    resources: [arn],
  });
  return table(scope, 'EventsTable', eventsTableDefinition(names.eventsTable), {
    stream: dynamodb.StreamViewType.NEW_IMAGE,
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    resourcePolicy: new iam.PolicyDocument({ statements: [denyChanges] }),
  });
}

/** The slots a projection has tables in. */
export function slotsOf(projection: DeployedProjection): TableSlot[] {
  return projection.rebuildable ? ['blue', 'green'] : ['blue'];
}

/** Creates every table of a deployment. Tables other than the events table follow `removalPolicy`. */
export function createTables(
  scope: Construct,
  names: ResourceNames,
  projections: readonly DeployedProjection[],
  removalPolicy: RemovalPolicy,
): EventfoldTables {
  const readModels = new Map<string, dynamodb.Table[]>();
  for (const projection of projections) {
    const tables = slotsOf(projection).map((slot) => {
      const name = readModelTableName(names, projection.name, slot);
      return table(scope, `ReadModel-${projection.name}-${slot}`, readModelTableDefinition(name), {
        removalPolicy,
      });
    });
    readModels.set(projection.name, tables);
  }
  return {
    events: eventsTable(scope, names),
    snapshots: table(scope, 'SnapshotsTable', snapshotsTableDefinition(names.snapshotsTable), {
      removalPolicy,
    }),
    control: table(scope, 'ControlTable', controlTableDefinition(names.controlTable), { removalPolicy }),
    recordedAnswers: table(
      scope,
      'RecordedAnswersTable',
      readModelTableDefinition(recordedAnswersTableName(names)),
      {
        removalPolicy,
      },
    ),
    readModels,
  };
}
