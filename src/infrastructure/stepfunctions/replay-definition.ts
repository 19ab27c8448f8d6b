import { join } from 'node:path';
import replayAsl from './replay-state-machine.asl.json';

/** The placeholder in the ASL that names the replay iterator Lambda function. */
export const ITERATOR_ARN_PLACEHOLDER = 'ReplayIteratorFunctionArn';

/** The service integration the workflow uses to continue as a new execution. */
export const START_EXECUTION_RESOURCE = 'arn:aws:states:::states:startExecution';

/**
 * Path of the replay state machine's ASL file (the build copies it next to this module), the same file locally and
 * on AWS (CDK `DefinitionBody.fromFile` with `definitionSubstitutions`).
 */
export const REPLAY_ASL_PATH = join(__dirname, 'replay-state-machine.asl.json');

/** The ASL with `${ReplayIteratorFunctionArn}` left in, as CDK's definition substitutions expect it. */
export function replayDefinitionTemplate(): string {
  return JSON.stringify(replayAsl, null, 2);
}

/**
 * The ASL with the iterator function's ARN filled in (what CDK's `definitionSubstitutions` does on AWS).
 * @example
 * const definition = replayStateMachineDefinition('arn:aws:lambda:us-east-1:000000000000:function:replay-iterator');
 */
export function replayStateMachineDefinition(iteratorFunctionArn: string): string {
  return replayDefinitionTemplate().split(`\${${ITERATOR_ARN_PLACEHOLDER}}`).join(iteratorFunctionArn);
}
