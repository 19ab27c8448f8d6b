import { RuleViolation } from '../../domain/domain-errors';
import type { ReplayState } from './replay-status';

/** A replay cannot do what was asked in its current state (cancel a finished replay, resume a running one). */
export class ReplayStateError extends RuleViolation {
  constructor(replayId: string, action: string, state: ReplayState) {
    super(`replay ${replayId} cannot ${action} while ${state}`, { replayId, action, state });
  }
}
