import {
  DescribeExecutionCommand,
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
    await this.client.send(new StopExecutionCommand({ executionArn, cause }));
  }

  async describe(executionArn: string): Promise<{ state: ExecutionState; error?: string }> {
    const execution = await this.client.send(new DescribeExecutionCommand({ executionArn }));
    const error = execution.error ? `${execution.error}: ${execution.cause ?? ''}`.trim() : undefined;
    return { state: (execution.status ?? 'RUNNING') as ExecutionState, error };
  }
}
