import { cursorFromToken, cursorToken, type ReplayCursor } from '../application/replay/replay-cursor';
import type {
  ProgressOutcome,
  ReplayState,
  ReplayStatus,
  ReplayStatusStore,
} from '../application/replay/replay-status';
import { ErrorCodes, EventfoldError } from '../domain/errors';

/**
 * Replay status in memory with the control table's conditional writes: progress only while the replay runs and
 * its position is still the one given (a retried page counts once), an execution counted once, `finish` only
 * from the states given, `reopen` only from FAILED. Positions are kept as the adapter keeps them (cursor tokens).
 */
export class InMemoryReplayStatusStore implements ReplayStatusStore {
  private readonly replays = new Map<string, ReplayStatus>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async create(status: ReplayStatus): Promise<void> {
    if (this.replays.has(status.replayId))
      throw new EventfoldError(ErrorCodes.concurrency, `replay ${status.replayId} exists`, {
        replayId: status.replayId,
      });
    this.replays.set(status.replayId, { ...status, position: this.copy(status.position) });
  }

  async get(replayId: string): Promise<ReplayStatus | undefined> {
    const status = this.replays.get(replayId);
    return status && { ...status, position: this.copy(status.position) };
  }

  async recordExecution(replayId: string, executionArn: string): Promise<void> {
    const status = this.replays.get(replayId);
    if (!status || status.executionArn === executionArn) return;
    this.replays.set(replayId, { ...status, executionArn, executions: status.executions + 1 });
  }

  async recordProgress(
    replayId: string,
    from: ReplayCursor,
    to: ReplayCursor,
    published: number,
  ): Promise<ProgressOutcome> {
    const status = this.replays.get(replayId);
    if (status?.state !== 'RUNNING') return 'not-running';
    if (cursorToken(status.position) !== cursorToken(from)) return 'already-recorded';
    const eventsPublished = status.eventsPublished + published;
    const position = this.copy(to);
    this.replays.set(replayId, { ...status, position, eventsPublished, pages: status.pages + 1 });
    return 'recorded';
  }

  async finish(
    replayId: string,
    state: Exclude<ReplayState, 'RUNNING'>,
    fromStates: readonly ReplayState[],
    error?: string,
  ): Promise<boolean> {
    const status = this.replays.get(replayId);
    if (!status || !fromStates.includes(status.state)) return false;
    const ended = { ...status, state, endedAt: this.now().toISOString() };
    this.replays.set(replayId, error === undefined ? ended : { ...ended, error: error.slice(0, 4_000) });
    return true;
  }

  async reopen(replayId: string): Promise<boolean> {
    const status = this.replays.get(replayId);
    if (status?.state !== 'FAILED') return false;
    const { endedAt: _endedAt, error: _error, ...rest } = status;
    this.replays.set(replayId, { ...rest, state: 'RUNNING' });
    return true;
  }

  private copy(cursor: ReplayCursor): ReplayCursor {
    return cursorFromToken(cursorToken(cursor));
  }
}
