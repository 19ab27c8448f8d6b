import type { Container } from 'inversify';
import { timerFunctionContainer } from '../container/role-containers';
import { TimerTokens } from '../container/timer-bindings';
import { handleTimerFired } from '../scheduler/handle-timer-fired';
import { coldStartOf } from './cold-start-of';
import { roleHandler } from './role-handler';

const coldStart = coldStartOf(timerFunctionContainer);

/**
 * The timer function over a container: by default the function's cold-start container, which binds only what
 * this role uses; the local runtime's scheduler passes its own.
 */
export const timerFired = (container?: () => Container) =>
  roleHandler('timerFired', TimerTokens.firedDeps, handleTimerFired, container ?? coldStart);

/** The timer function: EventBridge Scheduler invokes it with a due timer; it hands it to the process managers. */
export const handler = timerFired();
