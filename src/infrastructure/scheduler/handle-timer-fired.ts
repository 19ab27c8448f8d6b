import { checkedTimer } from '../../application/process/timer-checks';
import type { TimerFiredHandler } from '../../application/process/timer-scheduler';

/** What the timer function needs: the process managers' handler of due timers. */
export interface TimerFiredDeps {
  readonly handler: TimerFiredHandler;
}

/**
 * The timer function's plain handler: EventBridge Scheduler (or the local runtime's scheduler) invokes it with the
 * timer as it was scheduled. A malformed timer is a `ValidationError`; any error makes the scheduler retry, then
 * park the timer in the dead-letter queue.
 */
export async function handleTimerFired(event: unknown, deps: TimerFiredDeps): Promise<void> {
  await deps.handler.onTimerFired(checkedTimer(event));
}
