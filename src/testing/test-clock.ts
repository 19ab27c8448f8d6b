/**
 * A clock a test moves by hand: commit times, `ctx.stored.committedAt` and everything else the in-memory app
 * timestamps read it. Starts at the given time (default 2026-01-01T00:00:00Z).
 * @example
 * app.clock.advance(24 * 3600_000); // the next commit lands a day later
 */
export class TestClock {
  private current: number;

  constructor(start: string | Date = '2026-01-01T00:00:00.000Z') {
    this.current = new Date(start).getTime();
  }

  /** The time now. */
  now(): Date {
    return new Date(this.current);
  }

  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.current += ms;
  }

  /** Sets the clock to a time (it may not go back: commit times only move forward). */
  set(time: string | Date): void {
    this.current = Math.max(this.current, new Date(time).getTime());
  }
}
