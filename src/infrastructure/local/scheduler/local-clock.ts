import { type Duration, parseDuration } from '../../../domain/duration';

/**
 * The local runtime's clock: the machine's time plus an offset a test moves forward (`POST /local/clock`), so that
 * a timer due in 15 minutes fires now. It never goes back: the runtime keeps its offset with its schedules, so a
 * restarted runtime goes on from where its clock was.
 */
export class LocalClock {
  constructor(private offsetMs = 0) {}

  /** How far ahead of the machine's time it is, in ms. */
  get offset(): number {
    return this.offsetMs;
  }

  /** The time now. */
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves the clock forward by a duration (`'15m'` or milliseconds); returns the new time. */
  advance(by: Duration): Date {
    this.offsetMs += parseDuration(by);
    return this.now();
  }

  /** Moves the clock to a time (never back); returns the new time. */
  advanceTo(time: Date): Date {
    this.offsetMs += Math.max(0, time.getTime() - this.now().getTime());
    return this.now();
  }
}
