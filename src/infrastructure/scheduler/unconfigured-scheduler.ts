import type { TimerRequest, TimerScheduler } from '../../application/process/timer-scheduler';
import { ConfigurationError } from '../../domain/domain-errors';

const NEEDED = ['EVENTFOLD_TIMER_GROUP', 'EVENTFOLD_TIMER_TARGET_ARN', 'EVENTFOLD_TIMER_ROLE_ARN'];

/** The scheduler of a deployment without timer resources: every call says what is missing. */
export class UnconfiguredTimerScheduler implements TimerScheduler {
  schedule(timer: TimerRequest): Promise<void> {
    return Promise.reject(
      new ConfigurationError(`timer ${timer.timerId} cannot be scheduled: no timer scheduler is configured`, {
        needs: NEEDED,
      }),
    );
  }

  cancel(timerId: string): Promise<void> {
    return Promise.reject(
      new ConfigurationError(`timer ${timerId} cannot be cancelled: no timer scheduler is configured`, {
        needs: NEEDED,
      }),
    );
  }
}
