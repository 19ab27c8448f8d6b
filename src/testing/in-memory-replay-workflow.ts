import { HistoryCost } from '../application/replay/history-budget';
import { runReplayStep, type ReplayStepDeps } from '../application/replay/replay-step';
import type {
  ExecutionState,
  ReplayWorkflow,
  ReplayWorkflowState,
} from '../application/replay/replay-workflow';

interface Execution {
  status: ExecutionState;
  error?: string;
  done: Promise<void>;
}

/** Lets other work (a test's cancel, a command) run between two iterations, as Step Functions' states do. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The replay workflow in one process: each execution is a plain loop calling the same step function the iterator
 * Lambda runs (`runReplayStep`), until it says `done`. A continue-as-new goes on in the same loop with a fresh
 * history; `stop` ends the loop before its next iteration; a step that throws fails the execution, which the
 * replay service then reports as FAILED (and can resume), as with an execution that failed on AWS.
 */
export class InMemoryReplayWorkflow implements ReplayWorkflow {
  private readonly executions = new Map<string, Execution>();

  constructor(private readonly deps: () => ReplayStepDeps) {}

  async start(state: ReplayWorkflowState, name: string): Promise<string> {
    const arn = `in-memory:replay:${name}`;
    const execution: Execution = { status: 'RUNNING', done: Promise.resolve() };
    this.executions.set(arn, execution);
    execution.done = this.run(arn, execution, state);
    return arn;
  }

  async stop(executionArn: string): Promise<void> {
    const execution = this.executions.get(executionArn);
    if (execution?.status === 'RUNNING') execution.status = 'ABORTED';
  }

  async describe(executionArn: string): Promise<{ state: ExecutionState; error?: string }> {
    const execution = this.executions.get(executionArn);
    return execution ? { state: execution.status, error: execution.error } : { state: 'FAILED' };
  }

  /** Resolves once every execution started so far (and any started meanwhile) has ended. */
  async idle(): Promise<void> {
    for (;;) {
      const running = [...this.executions.values()].filter((e) => e.status === 'RUNNING');
      if (running.length === 0) return;
      await Promise.all(running.map((execution) => execution.done));
    }
  }

  private async run(arn: string, execution: Execution, initial: ReplayWorkflowState): Promise<void> {
    let state = initial;
    try {
      while (execution.status === 'RUNNING') {
        await nextTurn();
        if (execution.status !== 'RUNNING') return;
        const next = await runReplayStep({ ...state, executionArn: arn }, this.deps());
        if (next.next === 'done' && execution.status === 'RUNNING') execution.status = 'SUCCEEDED';
        const fresh = next.next === 'continue';
        state = fresh ? { ...next, historyUsed: HistoryCost.executionStarted, next: 'page' } : next;
      }
    } catch (error) {
      if (execution.status !== 'RUNNING') return;
      execution.status = 'FAILED';
      execution.error = error instanceof Error ? error.message : String(error);
    }
  }
}
