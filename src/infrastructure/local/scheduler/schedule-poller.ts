import type { ScheduleTable, StoredSchedule } from './schedule-table';

/** A Lambda function as the local runtime calls it: the event in, its result out. */
export type LocalTarget = (event: unknown) => Promise<unknown>;

/** What the poller needs. */
export interface SchedulePollerOptions {
  readonly table: ScheduleTable;
  readonly clock: { now(): Date };
  /** The function a target ARN names; an unknown ARN is a failed delivery. */
  readonly targets: (arn: string) => LocalTarget | undefined;
  /** Parks a schedule whose deliveries all failed (its dead-letter queue). */
  readonly deadLetter: (queueArn: string, message: string) => Promise<void>;
  /** How often it looks for due schedules; 1 s when absent. */
  readonly pollIntervalMs?: number;
  /** Wait after the first failed delivery, doubled after each (at most a minute); 1 s when absent. */
  readonly retryBackoffMs?: number;
  readonly onError?: (error: unknown) => void;
}

const MAX_PASSES = 100;

/**
 * Plays EventBridge Scheduler's part locally: finds the schedules due by its clock and invokes their targets with
 * their input, earliest first. A delivered schedule is deleted (`ActionAfterCompletion: DELETE`); a failed one is
 * retried with backoff up to its `MaximumRetryAttempts`, then sent to its dead-letter queue. Delivery is at least
 * once, as on AWS: a crash between the call and the delete delivers again after a restart.
 */
export class LocalSchedulePoller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> = Promise.resolve(0);
  private stopped = true;
  private deliveredSoFar = 0;

  constructor(private readonly options: SchedulePollerOptions) {}

  /** How many deliveries succeeded since it was created. */
  get delivered(): number {
    return this.deliveredSoFar;
  }

  /** Starts polling (and delivers what fell due while the runtime was down right away). */
  start(): void {
    this.stopped = false;
    this.tick();
  }

  /** Stops polling and waits for a delivery under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running.catch(() => 0);
  }

  /** Delivers every schedule due now, including ones that fall due while it runs; resolves with how many it delivered. */
  runDue(): Promise<number> {
    const next = this.running.catch(() => 0).then(() => this.deliverAllDue());
    this.running = next;
    return next;
  }

  private tick(): void {
    if (this.stopped) return;
    this.runDue()
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        if (!this.stopped) this.timer = setTimeout(() => this.tick(), this.options.pollIntervalMs ?? 1000);
      });
  }

  private async deliverAllDue(): Promise<number> {
    let delivered = 0;
    for (let pass = 0; pass < MAX_PASSES && !this.stopped; pass++) {
      const due = await this.options.table.due(this.options.clock.now().getTime());
      if (due.length === 0) break;
      for (const schedule of due) delivered += (await this.deliver(schedule)) ? 1 : 0;
    }
    return delivered;
  }

  private async deliver(schedule: StoredSchedule): Promise<boolean> {
    try {
      const target = this.options.targets(schedule.targetArn);
      if (!target) throw new Error(`no function ${schedule.targetArn}`);
      await target(JSON.parse(schedule.input));
    } catch (error) {
      await this.failed(schedule, error);
      return false;
    }
    await this.options.table.delete(schedule.id);
    this.deliveredSoFar += 1;
    return true;
  }

  private async failed(schedule: StoredSchedule, error: unknown): Promise<void> {
    this.options.onError?.(error);
    const attempts = schedule.attempts + 1;
    if (attempts <= schedule.maxRetries) {
      const backoff = Math.min(60_000, (this.options.retryBackoffMs ?? 1000) * 2 ** (attempts - 1));
      await this.options.table.recordFailure(
        schedule.id,
        attempts,
        this.options.clock.now().getTime() + backoff,
      );
      return;
    }
    if (schedule.deadLetterArn) {
      const reason = error instanceof Error ? error.message : String(error);
      const message = JSON.stringify({
        schedule: schedule.id,
        attempts,
        error: reason,
        input: schedule.input,
      });
      await this.options.deadLetter(schedule.deadLetterArn, message);
    }
    await this.options.table.delete(schedule.id);
  }
}
