/**
 * The port between process managers and a durable timer service (EventBridge Scheduler on AWS, the embedded
 * runtime's scheduler locally, a test clock in memory).
 *
 * A scheduler delivers each due timer at least once; "at most once in effect" and "a cancelled timer never
 * fires" are the process manager's to keep: on delivery it records the firing in the process's own stream with
 * an event id derived from `timerId` (the idempotent append drops a second delivery) and only when the process
 * state still holds the timer as pending (a cancelled one is dropped). `cancel` is therefore a saving, not the
 * guard.
 */

/** A timer a process manager asks for. */
export interface TimerRequest {
  /** Unique and derived from (process, process id, source event, timer name): the same request twice is one timer. */
  readonly timerId: string;
  /** The process manager's name. */
  readonly process: string;
  /** The process instance's correlation key. */
  readonly processId: string;
  /** The timer's name within the process (what its `@OnTimer` handler names). */
  readonly name: string;
  /** When it is due (ISO 8601, UTC). */
  readonly dueAt: string;
  /** Small, JSON-serialisable data handed back when it fires. */
  readonly payload?: Record<string, unknown>;
}

/** What a scheduler delivers when a timer is due: the request as it was scheduled. */
export type TimerFired = TimerRequest;

/** Schedules and cancels timers. Both calls are idempotent by `timerId`. */
export interface TimerScheduler {
  schedule(timer: TimerRequest): Promise<void>;
  /** Cancels a pending timer; an unknown or already fired one is not an error. */
  cancel(timerId: string): Promise<void>;
}

/** Receives due timers: the process manager runner implements it, the timer Lambda and local poller call it. */
export interface TimerFiredHandler {
  onTimerFired(fired: TimerFired): Promise<void>;
}
