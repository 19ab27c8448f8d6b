/** The signals that ask the runtime to stop: Ctrl-C, a process manager or container, a closed terminal. */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Why the runtime stops: one of the stop signals, or the process that started it being gone. */
export type StopReason = NodeJS.Signals | 'parent exited';

/** Waits for a stop request; `dispose` removes the watch (the signal handlers stay, see `onFurtherRequests`). */
export interface StopRequest {
  readonly reason: Promise<StopReason>;
  /** Called for every stop signal after the first, so a second Ctrl-C cannot end the process half-way. */
  onFurtherRequests(handler: (reason: StopReason) => void): void;
  dispose(): void;
}

/**
 * Resolves on SIGINT, SIGTERM or SIGHUP, or when the parent process is gone (this process was re-parented: `npm
 * start` killed, even with SIGKILL). An orphan would otherwise keep serving, with nobody left to stop it.
 * @example
 * const stop = watchStopRequest();
 * console.log(`stopping: ${await stop.reason}`);
 */
export function watchStopRequest(parentPollMs = 500): StopRequest {
  let further: (reason: StopReason) => void = () => undefined;
  let first: ((reason: StopReason) => void) | undefined;
  const reason = new Promise<StopReason>((resolve) => (first = resolve));
  const request = (why: StopReason) => {
    if (first) {
      first(why);
      first = undefined;
    } else further(why);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, request);
  const parent = process.ppid;
  const poll = setInterval(() => process.ppid !== parent && request('parent exited'), parentPollMs);
  poll.unref();
  return {
    reason,
    onFurtherRequests: (handler) => (further = handler),
    dispose: () => clearInterval(poll),
  };
}
