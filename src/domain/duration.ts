import { ValidationError } from './validation-error';

/**
 * A span of time: milliseconds, or a string of one or more `<whole number><unit>` parts, largest unit first,
 * each unit at most once (`'15m'`, `'2h'`, `'30s'`, `'1d'`, `'1h30m'`, `'250ms'`).
 */
export type Duration = number | string;

const unitMs = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const;
type Unit = keyof typeof unitMs;
const unitOrder: readonly Unit[] = ['d', 'h', 'm', 's', 'ms'];
const part = /(\d+)(ms|d|h|m|s)/y;
const maxInputLength = 64;

/** A duration that is not a whole, non-negative number of milliseconds or a well-formed duration string. */
export class InvalidDurationError extends ValidationError {
  constructor(
    readonly input: unknown,
    reason: string,
  ) {
    super('duration', [{ field: 'duration', reasons: [reason] }]);
  }
}

/**
 * The length of a duration in milliseconds.
 * @throws InvalidDurationError for a negative, fractional or unsafe number, an empty or malformed string, an
 * unknown unit, units out of order or repeated, or a total beyond `Number.MAX_SAFE_INTEGER`.
 * @example
 * parseDuration('15m'); // 900000
 * parseDuration('1h30m'); // 5400000
 */
export function parseDuration(input: Duration): number {
  if (typeof input === 'number') return checkedMs(input, input);
  if (typeof input !== 'string') throw new InvalidDurationError(input, 'must be a number or a string');
  if (input.length === 0 || input.length > maxInputLength) {
    throw new InvalidDurationError(input, `must be 1 to ${maxInputLength} characters`);
  }
  return checkedMs(input, sumParts(input));
}

function sumParts(input: string): number {
  let total = 0;
  let lastRank = -1;
  part.lastIndex = 0;
  while (part.lastIndex < input.length) {
    const match = part.exec(input);
    if (!match)
      throw new InvalidDurationError(input, "expected parts like '15m', '2h', '30s', '1d' or '250ms'");
    const rank = unitOrder.indexOf(match[2] as Unit);
    if (rank <= lastRank)
      throw new InvalidDurationError(input, 'units must go from largest to smallest, once each');
    lastRank = rank;
    total += Number(match[1]) * unitMs[match[2] as Unit];
  }
  return total;
}

function checkedMs(input: unknown, ms: number): number {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new InvalidDurationError(input, 'must be a whole, non-negative number of milliseconds');
  }
  return ms;
}
