/** How far ahead a one-time schedule is put at least: Scheduler fires within the minute it names. */
export const MIN_LEAD_MS = 60_000;

/**
 * The `at(yyyy-mm-ddThh:mm:ss)` expression (UTC) of a one-time schedule for a timer due at `dueAt`: rounded up to
 * the second (never early), and at least {@link MIN_LEAD_MS} after `now`, so that a timer already due (a late
 * redelivery of its source event) is still accepted and fires within about a minute.
 */
export function atExpression(dueAt: string, now: Date): string {
  const due = Math.max(Date.parse(dueAt), now.getTime() + MIN_LEAD_MS);
  const seconds = new Date(Math.ceil(due / 1000) * 1000).toISOString().slice(0, 19);
  return `at(${seconds})`;
}

/** The time an `at(...)` expression names (UTC), or undefined when it is not one. */
export function timeOfAt(expression: string): Date | undefined {
  const match = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/.exec(expression);
  const time = match ? Date.parse(`${match[1]}Z`) : NaN;
  return Number.isNaN(time) ? undefined : new Date(time);
}
