import {
  ArnFormat,
  type Stack,
  aws_dynamodb as dynamodb,
  aws_iam as iam,
  aws_kinesis as kinesis,
} from 'aws-cdk-lib';
import { eventsTableDefinition } from '../dynamodb/tables';
import type { ResourceNames } from './resource-names';
import type { EventfoldTables } from './tables';

/**
 * Explicit, least-privilege statements per function. Written out instead of `grantReadWriteData`, which would
 * also allow UpdateItem, DeleteItem and BatchWriteItem on the events table.
 */

const allow = (actions: string[], resources: string[]) => new iam.PolicyStatement({ actions, resources });

/** The events table and each of its indexes by name (read from the table's definition), never `index/*`. */
const withIndexes = (events: dynamodb.ITable) => [
  events.tableArn,
  ...(eventsTableDefinition('events').GlobalSecondaryIndexes ?? []).map(
    (index) => `${events.tableArn}/index/${index.IndexName}`,
  ),
];

const readModelArns = (tables: EventfoldTables) =>
  [...tables.readModels.values()].flat().map((t) => t.tableArn);

/** Appends a commit (conditional puts, or a transaction of them) and reads streams back. Never updates or deletes. */
export function appendEvents(tables: EventfoldTables): iam.PolicyStatement[] {
  return [
    allow(['dynamodb:PutItem', 'dynamodb:ConditionCheckItem'], [tables.events.tableArn]),
    allow(['dynamodb:GetItem', 'dynamodb:Query'], withIndexes(tables.events)),
  ];
}

/** Reads events by stream and through the time index (replays, filling version gaps). */
export function readEvents(tables: EventfoldTables): iam.PolicyStatement {
  return allow(['dynamodb:GetItem', 'dynamodb:Query'], withIndexes(tables.events));
}

/** Scans the events table (the replay iterator's pages of every event when the store keeps no time index). */
export function scanEvents(tables: EventfoldTables): iam.PolicyStatement {
  return allow(['dynamodb:Scan'], [tables.events.tableArn]);
}

/** Loads and saves snapshots. */
export function useSnapshots(tables: EventfoldTables): iam.PolicyStatement {
  return allow(['dynamodb:GetItem', 'dynamodb:PutItem'], [tables.snapshots.tableArn]);
}

/** Reads and writes the framework's own records: replay and rebuild progress, table pointers, time buckets. */
export function useControlTable(tables: EventfoldTables): iam.PolicyStatement {
  return allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], [tables.control.tableArn]);
}

/** Reads the control table only (a consumer looks up the projections' table pointers). */
export function readControlTable(tables: EventfoldTables): iam.PolicyStatement {
  return allow(['dynamodb:GetItem'], [tables.control.tableArn]);
}

/**
 * Reads every read model: documents and listings over HTTP, the version gates a rebuild's flip gate and a
 * rollback's catch-up compare (a scan, then batched point reads of the lagging streams).
 */
export function readReadModels(tables: EventfoldTables): iam.PolicyStatement[] {
  const arns = readModelArns(tables);
  return arns.length ? [allow(['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Scan'], arns)] : [];
}

/** Applies events to the read models: a gate and its change in one conditional write or transaction. */
export function writeReadModels(tables: EventfoldTables): iam.PolicyStatement[] {
  const arns = readModelArns(tables);
  if (arns.length === 0) return [];
  return [
    allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], arns),
    allow(['dynamodb:GetItem', 'dynamodb:PutItem'], [tables.recordedAnswers.tableArn]),
  ];
}

/**
 * Empties a rebuild's standby table by clearing its items (the rebuild service's slot reset: a consistent scan
 * of the keys, then batched deletes). Granted on the tables of rebuildable projections only. The tables are the
 * stack's: no function may delete or create them.
 */
export function clearStandbyTables(
  tables: EventfoldTables,
  rebuildable: readonly string[],
): iam.PolicyStatement[] {
  const arns = rebuildable.flatMap((name) => (tables.readModels.get(name) ?? []).map((t) => t.tableArn));
  return arns.length ? [allow(['dynamodb:Scan', 'dynamodb:BatchWriteItem'], arns)] : [];
}

/** Reads the events table's stream (the forwarder's mapping). ListStreams has no resource-level permissions. */
export function readEventsTableStream(tables: EventfoldTables): iam.PolicyStatement[] {
  return [
    allow(
      ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
      [tables.events.tableStreamArn as string],
    ),
    allow(['dynamodb:ListStreams'], ['*']),
  ];
}

/** Puts records on a Kinesis stream. */
export function putRecords(stream: kinesis.IStream): iam.PolicyStatement {
  return allow(['kinesis:PutRecords', 'kinesis:PutRecord', 'kinesis:ListShards'], [stream.streamArn]);
}

/** Reads a stream through an enhanced fan-out consumer (the mapping uses the function's role). */
export function readThroughConsumer(
  stream: kinesis.IStream,
  consumer: kinesis.IStreamConsumer,
): iam.PolicyStatement[] {
  return [
    allow(
      [
        'kinesis:DescribeStream',
        'kinesis:DescribeStreamSummary',
        'kinesis:GetRecords',
        'kinesis:GetShardIterator',
        'kinesis:ListShards',
        'kinesis:SubscribeToShard',
      ],
      [stream.streamArn],
    ),
    allow(['kinesis:DescribeStreamConsumer', 'kinesis:SubscribeToShard'], [consumer.streamConsumerArn]),
  ];
}

/** The replay state machine's ARN, and the ARNs of its executions, from its fixed name. */
export function stateMachineArns(
  scope: Stack,
  names: ResourceNames,
): { machine: string; executions: string } {
  return {
    machine: scope.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: names.replayStateMachine,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    }),
    executions: scope.formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${names.replayStateMachine}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    }),
  };
}

/** Starts, observes and stops replay executions. */
export function driveReplays(arns: { machine: string; executions: string }): iam.PolicyStatement[] {
  return [
    allow(['states:StartExecution'], [arns.machine]),
    allow(['states:DescribeExecution', 'states:StopExecution'], [arns.executions]),
  ];
}

/**
 * Redrives parked events: receives letters, deletes them once handled or gives them back, and parks an event
 * that fails again with a fresh letter.
 */
export function redriveFrom(queueArn: string): iam.PolicyStatement {
  return allow(
    ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:SendMessage'],
    [queueArn],
  );
}

/** Sends messages to a queue (parked poison events). */
export function sendTo(queueArn: string): iam.PolicyStatement {
  return allow(['sqs:SendMessage'], [queueArn]);
}

/**
 * Runs statements on the SQL read models' cluster over the Data API, and reads the one secret the Data API signs in
 * with. Both on those two ARNs only.
 */
export function useSqlDatabase(sql: { clusterArn: string; secretArn: string }): iam.PolicyStatement[] {
  return [
    allow(
      [
        'rds-data:ExecuteStatement',
        'rds-data:BatchExecuteStatement',
        'rds-data:BeginTransaction',
        'rds-data:CommitTransaction',
        'rds-data:RollbackTransaction',
      ],
      [sql.clusterArn],
    ),
    allow(['secretsmanager:GetSecretValue'], [sql.secretArn]),
  ];
}
