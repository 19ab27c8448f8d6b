import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { Container } from 'inversify';
import type { TimerFiredHandler, TimerScheduler } from '../../application/process/timer-scheduler';
import { EventBridgeTimerScheduler } from '../scheduler/eventbridge-timer-scheduler';
import type { TimerFiredDeps } from '../scheduler/handle-timer-fired';
import { createSchedulerClient } from '../scheduler/scheduler-client';
import { UnconfiguredTimerScheduler } from '../scheduler/unconfigured-scheduler';
import { CoreTokens } from './core-bindings';
import { provide, token } from './tokens';

/**
 * Tokens of timers. `firedHandler` is bound by whoever handles due timers (the process managers' runner); the
 * timer function resolves `firedDeps`, the process managers `scheduler`.
 */
export const TimerTokens = {
  schedulerClient: token<SchedulerClient>('SchedulerClient'),
  scheduler: token<TimerScheduler>('TimerScheduler'),
  firedHandler: token<TimerFiredHandler>('TimerFiredHandler'),
  firedDeps: token<TimerFiredDeps>('TimerFiredDeps'),
} as const;

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
