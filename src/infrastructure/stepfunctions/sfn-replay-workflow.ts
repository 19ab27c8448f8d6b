import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  type SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import type {
  ExecutionState,
  ReplayWorkflow,
  ReplayWorkflowState,
} from '../../application/replay/replay-workflow';

/**
 * The replay workflow on Step Functions (AWS, or the local endpoint): one Standard state machine whose ASL is
 * `replay-state-machine.asl.json`.
 * @example
 * const workflow = new StepFunctionsReplayWorkflow(createSfnClient(config.endpoints), config.replayStateMachineArn!);
 */
export class StepFunctionsReplayWorkflow implements ReplayWorkflow {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(state: ReplayWorkflowState, name: string): Promise<string> {
    const { executionArn } = await this.client.send(
      new StartExecutionCommand({
        stateMachineArn: this.stateMachineArn,
        name,
        input: JSON.stringify(state),
      }),
    );
    if (!executionArn) throw new Error(`StartExecution of ${name} returned no execution ARN`);
    return executionArn;
  }

  async stop(executionArn: string, cause: string): Promise<void> {
    try {
      await this.client.send(new StopExecutionCommand({ executionArn, cause }));
    } catch (error) {
      if (!isMissingExecution(error)) throw error;
    }
  }

  /**
   * The state of an execution. One the engine no longer knows (the local engine keeps executions in memory, so a
   * runtime restart loses them; AWS forgets them after 90 days) counts as aborted, so its replay is marked FAILED
   * and can be resumed from its stored cursor.
   */
  async describe(executionArn: string): Promise<{ state: ExecutionState; error?: string }> {
    let execution;
    try {
      execution = await this.client.send(new DescribeExecutionCommand({ executionArn }));
    } catch (error) {
      if (!isMissingExecution(error)) throw error;
      return { state: 'ABORTED', error: `execution ${executionArn} no longer exists; resume the replay` };
    }
    const error = execution.error ? `${execution.error}: ${execution.cause ?? ''}`.trim() : undefined;
    return { state: (execution.status ?? 'RUNNING') as ExecutionState, error };
  }
}

function isMissingExecution(error: unknown): boolean {
  return (
    error instanceof ExecutionDoesNotExist || (error as { name?: string })?.name === 'ExecutionDoesNotExist'
  );
}
