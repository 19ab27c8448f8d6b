import { createHash } from 'node:crypto';

/** EventBridge Scheduler's limits on a schedule name: 1 to 64 of these characters. */
const NAME = /^[0-9a-zA-Z_.-]{1,64}$/;
const HASHED_PREFIX = 'h.';
const READABLE_CHARS = 20;

/**
 * The schedule name of a timer: its `timerId` when that is a valid name (at most 64 letters, digits, `-`, `_`,
 * `.`), otherwise a readable prefix of it and a SHA-256 of the whole id (`h.<prefix>.<hash>`, 64 characters). The
 * same timer always gets the same name, which is what makes scheduling it twice a conflict rather than two timers.
 * @example
 * scheduleNameOf('reservation-expiry.r-1.abc'); // 'reservation-expiry.r-1.abc'
 */
export function scheduleNameOf(timerId: string): string {
  if (NAME.test(timerId) && !timerId.startsWith(HASHED_PREFIX)) return timerId;
  const readable = timerId.replace(/[^0-9a-zA-Z_.-]/g, '_').slice(0, READABLE_CHARS);
  const room = 64 - HASHED_PREFIX.length - readable.length - 1;
  const hash = createHash('sha256').update(timerId, 'utf8').digest('hex').slice(0, room);
  return `${HASHED_PREFIX}${readable}.${hash}`;
}
