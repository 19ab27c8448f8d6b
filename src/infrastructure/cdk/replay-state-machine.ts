import { readFileSync } from 'node:fs';
import {
  RemovalPolicy,
  aws_iam as iam,
  aws_lambda as lambda,
  aws_logs as logs,
  aws_stepfunctions as sfn,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ITERATOR_ARN_PLACEHOLDER, REPLAY_ASL_PATH } from '../stepfunctions/replay-definition';
import type { ResourceNames } from './resource-names';

/** How long the state machine's log is kept, and what happens to it when the stack is deleted. */
export interface ReplayLogSettings {
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The replay workflow (Standard), from the same ASL file the local runtime runs, with the iterator function's ARN
 * substituted. Its role may invoke the iterator (by its unqualified ARN, the one the ASL names) and start a new
 * execution of itself (continue as new). Every state transition is logged (level ALL, without the states' input
 * and output: the replay's status already shows counts and position) and traced with X-Ray.
 */
export function replayStateMachine(
  scope: Construct,
  names: ResourceNames,
  iterator: lambda.IFunction,
  ownArn: string,
  logSettings: ReplayLogSettings,
): sfn.StateMachine {
  const role = new iam.Role(scope, 'ReplayStateMachineRole', {
    assumedBy: new iam.ServicePrincipal('states.amazonaws.com'),
    description: 'eventfold replay state machine',
  });
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [iterator.functionArn] }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [ownArn] }),
  );
  const logGroup = new logs.LogGroup(scope, 'ReplayStateMachineLogs', {
    retention: logSettings.logRetention,
    removalPolicy: logSettings.removalPolicy,
  });
  return new sfn.StateMachine(scope, 'ReplayStateMachine', {
    stateMachineName: names.replayStateMachine,
    stateMachineType: sfn.StateMachineType.STANDARD,
    definitionBody: sfn.DefinitionBody.fromString(readFileSync(REPLAY_ASL_PATH, 'utf8')),
    definitionSubstitutions: { [ITERATOR_ARN_PLACEHOLDER]: iterator.functionArn },
    role,
    logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    tracingEnabled: true,
  });
}
