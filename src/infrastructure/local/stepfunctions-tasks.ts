import { unsupportedResource } from './stepfunctions-errors';

/** A local stand-in for a Lambda function: receives the task's input, returns its result. */
export type LambdaHandler = (input: unknown) => Promise<unknown>;

/** Local Lambda functions by function ARN (the ARN the ASL's Task `Resource` names). */
export type LambdaHandlers = Readonly<Record<string, LambdaHandler>>;

type StartLocal = (
  stateMachineArn: string,
  input: string,
  name?: string,
) => { executionArn: string; startDate: Date };

interface TaskLike {
  readonly Type: string;
  readonly Resource?: string;
}

const START_EXECUTION = /^arn:aws:states:::states:startExecution(\.sync(:2)?|\.waitForTaskToken)?$/;
const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';

function tasksOf(definition: { States: Record<string, unknown> }): [string, TaskLike][] {
  return Object.entries(definition.States as Record<string, TaskLike>).filter(
    ([, state]) => state.Type === 'Task',
  );
}

/** For the history counter: which task states are service integrations that also log a Submitted event. */
export function submitsOf(definition: { States: Record<string, unknown> }): (stateName: string) => boolean {
  const names = new Set(
    tasksOf(definition)
      .filter(([, s]) => START_EXECUTION.test(s.Resource ?? ''))
      .map(([n]) => n),
  );
  return (stateName) => names.has(stateName);
}

function startExecutionTask(start: StartLocal) {
  return async (input: unknown) => {
    const { StateMachineArn, Input, Name } = input as {
      StateMachineArn: string;
      Input?: unknown;
      Name?: string;
    };
    const json = typeof Input === 'string' ? Input : JSON.stringify(Input ?? {});
    const execution = start(StateMachineArn, json, Name);
    return { ExecutionArn: execution.executionArn, StartDate: execution.startDate.toISOString() };
  };
}

function lambdaInvokeTask(handlers: LambdaHandlers, state: string) {
  return async (input: unknown) => {
    const { FunctionName, Payload } = input as { FunctionName: string; Payload?: unknown };
    const handler = handlers[FunctionName];
    if (!handler) throw unsupportedResource(state, `${LAMBDA_INVOKE} of ${FunctionName}`);
    return { StatusCode: 200, Payload: await handler(Payload ?? {}) };
  };
}

/**
 * Maps every Task state of a definition to a local function: a Lambda ARN to its registered handler,
 * `lambda:invoke` to the handler its FunctionName names, `states:startExecution` to a local start.
 * @throws LocalSfnError for a resource nothing local can run (the endpoint never calls real AWS).
 */
export function localTaskHandlers(
  definition: { States: Record<string, unknown> },
  handlers: LambdaHandlers,
  start: StartLocal | (() => undefined),
): Record<string, (input: unknown) => Promise<unknown>> {
  const result: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [name, state] of tasksOf(definition)) {
    const resource = state.Resource ?? '';
    const handler = handlers[resource];
    if (handler) result[name] = handler;
    else if (START_EXECUTION.test(resource)) result[name] = startExecutionTask(start as StartLocal);
    else if (resource === LAMBDA_INVOKE) result[name] = lambdaInvokeTask(handlers, name);
    else throw unsupportedResource(name, resource);
  }
  return result;
}
