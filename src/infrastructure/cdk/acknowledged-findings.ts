import {
  Stack,
  Validations,
  aws_apigateway as apigateway,
  aws_iam as iam,
  aws_sqs as sqs,
  aws_stepfunctions as sfn,
} from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { EventfoldFunctions } from './eventfold-functions';
import type { EventfoldQueues } from './queues';
import type { SqlDatabase } from './sql-database';

/**
 * A finding of a policy checker (cdk-nag's AwsSolutions and Serverless packs) that the construct accepts on one
 * resource, and why. It covers that resource and its children only, never a whole rule for the stack.
 */
export interface AcknowledgedFinding {
  readonly on: IConstruct;
  /** The rule id, with the finding in brackets where the rule reports several per resource (IAM5). */
  readonly id: string;
  readonly reason: string;
}

/** The resources the construct acknowledges findings on. */
export interface AcknowledgedResources {
  readonly queues: EventfoldQueues;
  readonly functions: EventfoldFunctions;
  readonly replayStateMachine: sfn.StateMachine;
  readonly api: apigateway.LambdaRestApi;
  /** The ARN pattern of the replay state machine's executions, as the API function's role names it. */
  readonly replayExecutionsArn: string;
  /** The SQL read models' database, when the deployment has one. */
  readonly sql?: SqlDatabase;
}

const XRAY =
  'X-Ray tracing is on: xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions, so ' +
  'they take Resource "*".';

/** A resource as cdk-nag names it in an IAM5 finding: references as `<LogicalId>` or `<Id.Attribute>`. */
export function findingResource(scope: IConstruct, arn: string): string {
  const flatten = (node: unknown): string => {
    if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
    const object = node as Record<string, any>;
    if (object['Fn::Join']) return object['Fn::Join'][1].map(flatten).join(object['Fn::Join'][0]);
    if (object['Fn::GetAtt']) return `<${object['Fn::GetAtt'].map(flatten).join('.')}>`;
    if (object.Ref) return `<${flatten(object.Ref)}>`;
    return JSON.stringify(node);
  };
  return flatten(Stack.of(scope).resolve(arn));
}

function queueFindings(queues: EventfoldQueues): AcknowledgedFinding[] {
  const endOfTheLine = (queue: sqs.Queue, what: string): AcknowledgedFinding => ({
    on: queue,
    id: 'Serverless-SQSRedrivePolicy',
    reason:
      `${what} A redrive policy moves a message on after a number of receives; here that would take it out of ` +
      'sight of the dead-letter alarm and, for parked events, out of the redrive.',
  });
  return [
    {
      on: queues.parkedEvents,
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself a dead-letter queue: projection consumers park poison events in it with their ' +
        'coordinates, an alarm fires on its depth, and POST /dead-letters/redrive drains it.',
    },
    endOfTheLine(
      queues.parkedEvents,
      'The parked events queue is the end of the line, and its letters are received and given back in normal ' +
        'operation (a redrive gives back letters it already tried, and one cut short leaves them to reappear), ' +
        'so a receive count says nothing about a letter being unprocessable.',
    ),
    endOfTheLine(
      queues.mappingFailures,
      'This queue is itself the dead-letter queue of every function and the on-failure destination of every ' +
        'stream mapping: nothing consumes it automatically, an operator reads it.',
    ),
  ];
}

function roleFindings(resources: AcknowledgedResources): AcknowledgedFinding[] {
  const { functions, replayStateMachine } = resources;
  const wildcard = (on: IConstruct, reason: string) => ({ on, id: 'AwsSolutions-IAM5[Resource::*]', reason });
  const roleOf = (fn: { role?: iam.IRole }) => fn.role as iam.IRole;
  return [
    wildcard(roleOf(functions.api), XRAY),
    wildcard(roleOf(functions.replayIterator), XRAY),
    ...(functions.projectionConsumer ? [wildcard(roleOf(functions.projectionConsumer), XRAY)] : []),
    ...(functions.processConsumer ? [wildcard(roleOf(functions.processConsumer), XRAY)] : []),
    wildcard(
      roleOf(functions.forwarder),
      `${XRAY} dynamodb:ListStreams (part of what a DynamoDB stream mapping needs) has none either; the ` +
        'stream itself is read through DescribeStream, GetShardIterator and GetRecords on its own ARN.',
    ),
    wildcard(
      replayStateMachine.role,
      `${XRAY} Logging to CloudWatch Logs takes the log delivery actions (logs:CreateLogDelivery and the ` +
        'others CDK adds), which have no resource-level permissions either.',
    ),
    {
      on: roleOf(functions.api),
      id: `AwsSolutions-IAM5[Resource::${findingResource(functions.api, resources.replayExecutionsArn)}]`,
      reason:
        'DescribeExecution and StopExecution on the replay state machine executions: their names are chosen ' +
        'at run time (one per replay, a new one on every continue-as-new), so only the machine part of the ' +
        'ARN is known at synth time.',
    },
  ];
}

function apiFindings(api: apigateway.LambdaRestApi): AcknowledgedFinding[] {
  const iamAuthorized = (method: apigateway.Method): AcknowledgedFinding => ({
    on: method,
    id: 'AwsSolutions-COG4',
    reason:
      'The method requires a request signed with IAM (SigV4): callers are services and operators with AWS ' +
      'credentials, and a Cognito user pool would be a second identity store to keep.',
  });
  return [
    {
      on: api,
      id: 'AwsSolutions-APIG2',
      reason:
        'One Lambda proxy route (ANY on / and {proxy+}) serves every command and event type, so a gateway ' +
        'model could not tell them apart; the function validates each body against the class its type names ' +
        'and answers a 4xx naming the field, storing nothing (guarantee 10).',
    },
    ...api.methods.map(iamAuthorized),
    {
      on: api.deploymentStage,
      id: 'AwsSolutions-APIG3',
      reason:
        'Only IAM-signed requests reach the function (API Gateway refuses the rest) and the stage is throttled; ' +
        'associate a WAF web ACL with the stage where signed callers are not trusted.',
    },
  ];
}

function sqlFindings(sql: SqlDatabase | undefined): AcknowledgedFinding[] {
  // The generated secret itself: `cluster.secret` is its attachment to the cluster.
  const secret = sql?.cluster?.node.tryFindChild('Secret');
  if (!secret) return [];
  return [
    {
      on: secret,
      id: 'AwsSolutions-SMG4',
      reason:
        "Rotation runs a function inside the cluster's VPC, which has no way out by design, so it would need a " +
        'Secrets Manager interface endpoint as well (about $15 a month in two AZs, more than an idle cluster). ' +
        'The secret never leaves Secrets Manager: functions get its ARN, and only the Data API reads it on behalf ' +
        'of the API and consumer roles. To rotate, call `sql.cluster.addRotationSingleUser` with such an endpoint.',
    },
  ];
}

/** Every finding the construct acknowledges, each on its resource with its reason. */
export function acknowledgedFindings(resources: AcknowledgedResources): AcknowledgedFinding[] {
  return [
    ...queueFindings(resources.queues),
    ...roleFindings(resources),
    ...apiFindings(resources.api),
    ...sqlFindings(resources.sql),
  ];
}

/** Records the acknowledgments on their resources (`Validations.of(resource).acknowledge`). */
export function acknowledgeFindings(findings: readonly AcknowledgedFinding[]): void {
  for (const { on, id, reason } of findings) Validations.of(on).acknowledge({ id, reason });
}
