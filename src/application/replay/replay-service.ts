import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../../domain/domain-errors';
import { ValidationError } from '../../domain/validation-error';
import { DEFAULT_HISTORY_BUDGET, HistoryCost, MIN_HISTORY_BUDGET } from './history-budget';
import { initialCursor } from './replay-cursor';
import { ReplayStateError } from './replay-errors';
import type { ReplayMode } from './replay-mode';
import type { ReplayStatus, ReplayStatusStore, ReplayTarget } from './replay-status';
import type { ReplayWorkflow, ReplayWorkflowState } from './replay-workflow';

/** Options of one replay: its target projection slot (rebuilds), a history budget, a chosen id. */
export interface StartReplayOptions {
  readonly target?: ReplayTarget;
  /** History events one execution may use; the default stays below the 25,000 limit. */
  readonly historyBudget?: number;
  readonly replayId?: string;
}

const endedByEngine = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);

/**
 * Starts, observes, cancels and resumes replays. A replay runs as executions of the replay workflow; only its
 * cursor passes between the workflow's states, and its status lives in the control table.
 * @example
 * const replayId = await replays.start({ kind: 'since', since: '2026-11-22T14:00:00.000Z' });
 * const status = await replays.status(replayId);
 */
export class ReplayService {
  constructor(
    private readonly statuses: ReplayStatusStore,
    private readonly workflow: ReplayWorkflow,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Starts a replay and returns its id. */
  async start(mode: ReplayMode, options: StartReplayOptions = {}): Promise<string> {
    const historyBudget = options.historyBudget ?? DEFAULT_HISTORY_BUDGET;
    if (!Number.isInteger(historyBudget) || historyBudget < MIN_HISTORY_BUDGET) {
      const reasons = [`must be a whole number of at least ${MIN_HISTORY_BUDGET}`];
      throw new ValidationError('replay options', [{ field: 'historyBudget', reasons }]);
    }
    const replayId = options.replayId ?? randomUUID();
    const status: ReplayStatus = {
      replayId,
      state: 'RUNNING',
      mode,
      target: options.target,
      eventsPublished: 0,
      pages: 0,
      position: initialCursor(mode),
      startedAt: this.now().toISOString(),
      executions: 0,
      historyBudget,
    };
    await this.statuses.create(status);
    await this.launch(status, replayId);
    return replayId;
  }

  /** The status of a replay; a replay whose execution died outside the workflow's own handling shows FAILED. */
  async status(replayId: string): Promise<ReplayStatus> {
    const status = await this.statuses.get(replayId);
    if (!status) throw new NotFoundError('replay', replayId);
    if (status.state !== 'RUNNING' || !status.executionArn) return status;
    const execution = await this.workflow.describe(status.executionArn);
    if (!endedByEngine.has(execution.state)) return status;
    const error = execution.error ?? `execution ${execution.state}`;
    await this.statuses.finish(replayId, 'FAILED', ['RUNNING'], error);
    return (await this.statuses.get(replayId)) ?? status;
  }

  /** Cancels a running replay: marks it CANCELLED (the iterator stops at its next step) and stops its execution. */
  async cancel(replayId: string): Promise<ReplayStatus> {
    const status = await this.status(replayId);
    if (!(await this.statuses.finish(replayId, 'CANCELLED', ['RUNNING', 'FAILED']))) {
      throw new ReplayStateError(replayId, 'be cancelled', status.state);
    }
    if (status.executionArn && status.state === 'RUNNING') {
      await this.workflow.stop(status.executionArn, 'replay cancelled');
    }
    return this.status(replayId);
  }

  /** Resumes a FAILED replay from its stored cursor in a new execution. */
  async resume(replayId: string): Promise<ReplayStatus> {
    const status = await this.status(replayId);
    if (status.state !== 'FAILED' || !(await this.statuses.reopen(replayId))) {
      throw new ReplayStateError(replayId, 'be resumed', status.state);
    }
    await this.launch(status, `${replayId}-r${status.executions + 1}`);
    return this.status(replayId);
  }

  private async launch(status: ReplayStatus, name: string): Promise<void> {
    const state: ReplayWorkflowState = {
      replayId: status.replayId,
      cursor: status.position,
      phase: 'replay',
      historyUsed: HistoryCost.executionStarted,
      historyBudget: status.historyBudget,
      gateChecks: 0,
      next: 'page',
      waitSeconds: 0,
    };
    try {
      const executionArn = await this.workflow.start(state, name);
      await this.statuses.recordExecution(status.replayId, executionArn);
    } catch (error) {
      await this.statuses.finish(status.replayId, 'FAILED', ['RUNNING'], `could not start: ${String(error)}`);
      throw error;
    }
  }
}
