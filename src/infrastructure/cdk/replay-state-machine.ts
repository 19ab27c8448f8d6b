import { readFileSync } from 'node:fs';
import { aws_iam as iam, aws_lambda as lambda, aws_stepfunctions as sfn } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ITERATOR_ARN_PLACEHOLDER, REPLAY_ASL_PATH } from '../stepfunctions/replay-definition';
import type { ResourceNames } from './resource-names';

/**
 * The replay workflow (Standard), from the same ASL file the local runtime runs, with the iterator function's ARN
 * substituted. Its role may invoke the iterator and start a new execution of itself (continue as new).
 */
export function replayStateMachine(
  scope: Construct,
  names: ResourceNames,
  iterator: lambda.IFunction,
  ownArn: string,
): sfn.StateMachine {
  const role = new iam.Role(scope, 'ReplayStateMachineRole', {
    assumedBy: new iam.ServicePrincipal('states.amazonaws.com'),
    description: 'eventfold replay state machine',
  });
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['lambda:InvokeFunction'],
      resources: [iterator.functionArn, `${iterator.functionArn}:*`],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [ownArn] }),
  );
  return new sfn.StateMachine(scope, 'ReplayStateMachine', {
    stateMachineName: names.replayStateMachine,
    stateMachineType: sfn.StateMachineType.STANDARD,
    definitionBody: sfn.DefinitionBody.fromString(readFileSync(REPLAY_ASL_PATH, 'utf8')),
    definitionSubstitutions: { [ITERATOR_ARN_PLACEHOLDER]: iterator.functionArn },
    role,
  });
}
