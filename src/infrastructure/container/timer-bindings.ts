import type { Container } from 'inversify';
import { EventBridgeTimerScheduler } from '../scheduler/eventbridge-timer-scheduler';
import { createSchedulerClient } from '../scheduler/scheduler-client';
import { UnconfiguredTimerScheduler } from '../scheduler/unconfigured-scheduler';
import { CoreTokens } from './core-bindings';
import { TimerTokens } from './timer-tokens';
import { provide } from './tokens';

export { TimerTokens } from './timer-tokens';

/**
 * Binds the EventBridge Scheduler client and the timer scheduler over it (from `config.timers`; without them a
 * scheduler that refuses with a `ConfigurationError`), and the timer function's dependencies.
 */
export function bindTimers(container: Container): void {
  provide(container, TimerTokens.schedulerClient, (get) =>
    createSchedulerClient(get(CoreTokens.config).endpoints),
  );
  provide(container, TimerTokens.scheduler, (get) => {
    const settings = get(CoreTokens.config).timers;
    return settings
      ? new EventBridgeTimerScheduler(get(TimerTokens.schedulerClient), {
          settings,
          now: get(CoreTokens.clock),
        })
      : new UnconfiguredTimerScheduler();
  });
  provide(container, TimerTokens.firedDeps, (get) => ({ handler: get(TimerTokens.firedHandler) }));
}
