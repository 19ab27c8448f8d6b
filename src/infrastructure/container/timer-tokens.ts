import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { TimerFiredHandler, TimerScheduler } from '../../application/process/timer-scheduler';
import type { TimerFiredDeps } from '../scheduler/handle-timer-fired';
import { token } from './tokens';

/**
 * Tokens of timers. `firedHandler` is bound by whoever handles due timers (the process managers' runner); the
 * timer function resolves `firedDeps`, the process managers `scheduler`. Apart from `bindTimers` so that naming
 * them brings no scheduler client into a bundle.
 */
export const TimerTokens = {
  schedulerClient: token<SchedulerClient>('SchedulerClient'),
  scheduler: token<TimerScheduler>('TimerScheduler'),
  firedHandler: token<TimerFiredHandler>('TimerFiredHandler'),
  firedDeps: token<TimerFiredDeps>('TimerFiredDeps'),
} as const;
