import { ConfigurationError } from '../domain/domain-errors';
import { type Duration, parseDuration } from '../domain/duration';
import { ValidationError } from '../domain/validation-error';
import type {
  TimerFired,
  TimerFiredHandler,
  TimerRequest,
  TimerScheduler,
} from '../application/process/timer-scheduler';
import { TestClock } from './test-clock';

/** Options of an {@link InMemoryTimerScheduler}. */
export interface InMemoryTimerSchedulerOptions {
  /** The clock it reads and moves (share the in-memory app's to keep commit times and due times in step). */
  readonly clock?: TestClock;
  /** Where due timers go; may also be given later with `deliverTo` (the runner usually needs the scheduler first). */
  readonly handler?: TimerFiredHandler;
}

interface Pending {
  readonly timer: TimerRequest;
  readonly due: number;
  readonly seq: number;
}

/**
 * A timer scheduler for tests: nothing fires until the test moves the clock. `advance` and `advanceTo` deliver
 * every due timer, earliest first (ties in scheduling order), setting the clock to each one's due time before
 * delivering it, so a timer scheduled while another fires also fires if it falls due within the step.
 * Scheduling is idempotent by `timerId`; a cancelled or fired `timerId` is never scheduled again. A handler that
 * throws leaves its timer pending (a real scheduler redelivers) and the error reaches the caller.
 * @example
 * const timers = new InMemoryTimerScheduler({ clock: app.clock });
 * timers.deliverTo(runner);
 * await timers.advance('15m'); // every timer due within 15 minutes has fired
 */
export class InMemoryTimerScheduler implements TimerScheduler {
  readonly clock: TestClock;
  private handler: TimerFiredHandler | undefined;
  private readonly waiting = new Map<string, Pending>();
  private readonly done = new Set<string>();
  private readonly delivered: TimerFired[] = [];
  private seq = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(options: InMemoryTimerSchedulerOptions = {}) {
    this.clock = options.clock ?? new TestClock();
    this.handler = options.handler;
  }

  /** Sets the handler due timers are delivered to. */
  deliverTo(handler: TimerFiredHandler): void {
    this.handler = handler;
  }

  schedule(timer: TimerRequest): Promise<void> {
    if (this.waiting.has(timer.timerId) || this.done.has(timer.timerId)) return Promise.resolve();
    const due = Date.parse(timer.dueAt);
    if (Number.isNaN(due)) {
      const violation = { field: 'dueAt', reasons: [`not a date: ${String(timer.dueAt)}`] };
      return Promise.reject(new ValidationError('timer', [violation]));
    }
    this.waiting.set(timer.timerId, { timer: { ...timer }, due, seq: this.seq++ });
    return Promise.resolve();
  }

  cancel(timerId: string): Promise<void> {
    if (this.waiting.delete(timerId)) this.done.add(timerId);
    return Promise.resolve();
  }

  /** Moves the clock forward by a duration (`'15m'` or milliseconds) and delivers what fell due. */
  advance(by: Duration): Promise<void> {
    const ms = parseDuration(by);
    return this.serially(() => this.runUntil(this.clock.now().getTime() + ms));
  }

  /** Moves the clock to a time (never back) and delivers what fell due. */
  advanceTo(time: string | Date): Promise<void> {
    const target = new Date(time).getTime();
    return this.serially(() => this.runUntil(Math.max(target, this.clock.now().getTime())));
  }

  /** The timers still waiting, earliest first. */
  pending(): readonly TimerRequest[] {
    return this.ordered().map((p) => p.timer);
  }

  /** Every timer delivered so far, in delivery order. */
  fired(): readonly TimerFired[] {
    return [...this.delivered];
  }

  private serially(step: () => Promise<void>): Promise<void> {
    const next = this.chain.then(step);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async runUntil(target: number): Promise<void> {
    for (let next = this.nextDue(target); next; next = this.nextDue(target)) {
      this.clock.set(new Date(next.due));
      await this.requireHandler().onTimerFired({ ...next.timer });
      if (this.waiting.get(next.timer.timerId) === next) this.waiting.delete(next.timer.timerId);
      this.done.add(next.timer.timerId);
      this.delivered.push({ ...next.timer });
    }
    this.clock.set(new Date(target));
  }

  private nextDue(target: number): Pending | undefined {
    const first = this.ordered()[0];
    return first && first.due <= target ? first : undefined;
  }

  private ordered(): Pending[] {
    return [...this.waiting.values()].sort((a, b) => a.due - b.due || a.seq - b.seq);
  }

  private requireHandler(): TimerFiredHandler {
    if (!this.handler)
      throw new ConfigurationError('no TimerFiredHandler to deliver due timers to: call deliverTo');
    return this.handler;
  }
}
