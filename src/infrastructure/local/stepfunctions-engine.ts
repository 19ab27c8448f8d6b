import { randomUUID } from 'node:crypto';
import { installPromiseWithResolvers } from './stepfunctions-polyfill';
import { LocalSfnError } from './stepfunctions-errors';
import { HistoryCounter, type LoggedEvent } from './stepfunctions-history';
import { localTaskHandlers, type LambdaHandlers, submitsOf } from './stepfunctions-tasks';

type StateMachineClass = typeof import('aws-local-stepfunctions').StateMachine;
type Definition = ConstructorParameters<StateMachineClass>[0];

let stateMachineClass: StateMachineClass | undefined;

/**
 * The library's state machine, loaded (after the polyfill) when the first state machine is created or run: a
 * process that imports the local runtime but reaches a Step Functions endpoint elsewhere does not carry the
 * emulator in its heap.
 */
function loadStateMachineClass(): StateMachineClass {
  if (stateMachineClass) return stateMachineClass;
  installPromiseWithResolvers();
  // The library's CommonJS build.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  stateMachineClass = (require('aws-local-stepfunctions') as typeof import('aws-local-stepfunctions'))
    .StateMachine;
  return stateMachineClass;
}

/** How an execution stands, as DescribeExecution reports it. */
export interface LocalExecution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  readonly startDate: Date;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  /** History events counted as a Standard workflow on AWS would log them. */
  historyEvents: number;
  abort?: () => void;
}

interface LocalStateMachine {
  readonly arn: string;
  readonly name: string;
  readonly definition: Definition;
  readonly roleArn: string;
  readonly creationDate: Date;
}

/** Options of the local engine: Lambda handlers by function ARN, the history limit to enforce. */
export interface LocalStepFunctionsOptions {
  readonly lambdaHandlers: LambdaHandlers;
  readonly region?: string;
  readonly accountId?: string;
  /** Executions past this many history events fail as on AWS; 25,000 when absent. */
  readonly historyLimit?: number;
  /** Replaces every Retry interval with this many milliseconds (tests); the ASL's intervals when absent. */
  readonly retryIntervalMs?: number;
}

/**
 * Runs Standard state machines on aws-local-stepfunctions: Lambda task resources run the registered local
 * handlers, `arn:aws:states:::states:startExecution` starts a local execution, and each execution's history is
 * counted like AWS counts it and cut off at the history limit.
 */
export class LocalStepFunctions {
  private readonly machines = new Map<string, LocalStateMachine>();
  private readonly executions = new Map<string, LocalExecution>();
  private readonly prefix: string;

  constructor(private readonly options: LocalStepFunctionsOptions) {
    this.prefix = `arn:aws:states:${options.region ?? 'us-east-1'}:${options.accountId ?? '000000000000'}`;
  }

  /** Creates (or, locally, replaces) a state machine; returns its ARN. */
  createStateMachine(name: string, definitionJson: string, roleArn = ''): LocalStateMachine {
    let definition: Definition;
    try {
      definition = JSON.parse(definitionJson) as Definition;
      new (loadStateMachineClass())(definition, { validationOptions: { checkArn: false } });
    } catch (error) {
      throw new LocalSfnError('InvalidDefinition', `invalid definition: ${(error as Error).message}`);
    }
    localTaskHandlers(definition, this.options.lambdaHandlers, () => undefined);
    const machine = {
      arn: `${this.prefix}:stateMachine:${name}`,
      name,
      definition,
      roleArn,
      creationDate: new Date(),
    };
    this.machines.set(machine.arn, machine);
    return machine;
  }

  describeStateMachine(arn: string): LocalStateMachine {
    const machine = this.machines.get(arn);
    if (!machine) throw new LocalSfnError('StateMachineDoesNotExist', `state machine ${arn} does not exist`);
    return machine;
  }

  /** Starts an execution; the same name with the same input returns the running execution, as on AWS. */
  startExecution(stateMachineArn: string, input = '{}', name: string = randomUUID()): LocalExecution {
    const machine = this.describeStateMachine(stateMachineArn);
    const executionArn = `${this.prefix}:execution:${machine.name}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      if (existing.input === input && existing.status === 'RUNNING') return existing;
      throw new LocalSfnError('ExecutionAlreadyExists', `execution ${executionArn} already exists`);
    }
    const execution: LocalExecution = {
      executionArn,
      stateMachineArn,
      name,
      input,
      status: 'RUNNING',
      startDate: new Date(),
      historyEvents: 0,
    };
    this.executions.set(executionArn, execution);
    this.run(machine, execution);
    return execution;
  }

  describeExecution(executionArn: string): LocalExecution {
    const execution = this.executions.get(executionArn);
    if (!execution)
      throw new LocalSfnError('ExecutionDoesNotExist', `execution ${executionArn} does not exist`);
    return execution;
  }

  stopExecution(executionArn: string, error?: string, cause?: string): LocalExecution {
    const execution = this.describeExecution(executionArn);
    if (execution.status === 'RUNNING') this.end(execution, 'ABORTED', { error, cause });
    execution.abort?.();
    return execution;
  }

  listExecutions(stateMachineArn: string, status?: string): LocalExecution[] {
    return [...this.executions.values()]
      .filter((e) => e.stateMachineArn === stateMachineArn && (!status || e.status === status))
      .sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
  }

  /** Aborts every running execution (when the endpoint stops). */
  stopAll(): void {
    for (const execution of this.executions.values()) {
      if (execution.status === 'RUNNING')
        this.stopExecution(execution.executionArn, 'Stopped', 'endpoint stopped');
    }
  }

  private run(machine: LocalStateMachine, execution: LocalExecution): void {
    const start = (arn: string, input: string, name?: string) => this.startExecution(arn, input, name);
    const taskResourceLocalHandlers = localTaskHandlers(
      machine.definition,
      this.options.lambdaHandlers,
      start,
    );
    const context = {
      Execution: { Id: execution.executionArn, Name: execution.name, RoleArn: machine.roleArn },
      StateMachine: { Id: machine.arn, Name: machine.name },
      State: { RetryCount: 0 },
    };
    const StateMachine = loadStateMachineClass();
    const stateMachine = new StateMachine(machine.definition, { validationOptions: { checkArn: false } });
    const retryMs = this.options.retryIntervalMs;
    const retryIntervalOverrides =
      retryMs === undefined
        ? undefined
        : Object.fromEntries(Object.keys(machine.definition.States).map((n) => [n, retryMs]));
    const run = stateMachine.run(JSON.parse(execution.input), {
      overrides: { taskResourceLocalHandlers: taskResourceLocalHandlers as never, retryIntervalOverrides },
      noThrowOnAbort: true,
      context,
    });
    execution.abort = run.abort;
    void this.countHistory(machine, execution, run.eventLogs);
    run.result.then(
      (output) => this.end(execution, 'SUCCEEDED', { output: JSON.stringify(output) }),
      (error: Error) => {
        const cause = (error.cause ?? error) as Error;
        this.end(execution, 'FAILED', { error: cause.name, cause: cause.message });
      },
    );
  }

  private async countHistory(
    machine: LocalStateMachine,
    execution: LocalExecution,
    logs: AsyncIterable<LoggedEvent>,
  ) {
    const counter = new HistoryCounter(submitsOf(machine.definition));
    const limit = this.options.historyLimit ?? 25_000;
    for await (const event of logs) {
      execution.historyEvents = counter.add(event);
      if (execution.historyEvents > limit && execution.status === 'RUNNING') {
        const cause = `the execution's history passed the limit of ${limit} events`;
        this.end(execution, 'FAILED', { error: 'States.Runtime', cause });
        execution.abort?.();
      }
    }
  }

  private end(
    execution: LocalExecution,
    status: LocalExecution['status'],
    result: { output?: string; error?: string; cause?: string },
  ): void {
    if (execution.status !== 'RUNNING') return;
    Object.assign(execution, { status, stopDate: new Date(), ...result });
  }
}
