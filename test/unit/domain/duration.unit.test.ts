import fc from 'fast-check';
import { hasErrorCode, InvalidDurationError, parseDuration } from '../../../src';

const unitMs: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
const units = ['d', 'h', 'm', 's', 'ms'];

function rejects(input: unknown): boolean {
  try {
    parseDuration(input as string);
    return false;
  } catch (error) {
    return error instanceof InvalidDurationError && hasErrorCode(error, 'VALIDATION_FAILED');
  }
}

describe('parseDuration', () => {
  it('reads the usual units', () => {
    expect(['15m', '2h', '30s', '1d', '250ms', '1h30m', '0s'].map(parseDuration)).toEqual([
      900_000, 7_200_000, 30_000, 86_400_000, 250, 5_400_000, 0,
    ]);
  });

  it('takes whole non-negative milliseconds as they are', () => {
    fc.assert(fc.property(fc.nat(), (ms) => parseDuration(ms) === ms));
  });

  it('sums any well-formed string of parts, largest unit first', () => {
    const parts = fc
      .subarray(units, { minLength: 1 })
      .chain((chosen) =>
        fc.tuple(...chosen.map((unit) => fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.constant(unit)))),
      );
    fc.assert(
      fc.property(parts, (chosen) => {
        const text = chosen.map(([n, unit]) => `${n}${unit}`).join('');
        return parseDuration(text) === chosen.reduce((sum, [n, unit]) => sum + n * (unitMs[unit] ?? 0), 0);
      }),
    );
  });

  it('rejects numbers that are negative, fractional or unsafe, as a 400', () => {
    const bad = fc.oneof(
      fc.integer({ max: -1 }),
      fc.double({ noInteger: true }),
      fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, Infinity, -Infinity, NaN),
    );
    fc.assert(fc.property(bad, rejects));
    expect(new InvalidDurationError(-1, 'x').httpStatus).toBe(400);
  });

  it('accepts a string exactly when it is parts of digits and known units, largest first', () => {
    const wellFormed = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
    const reference = (input: string): bigint | undefined => {
      const match = input.length > 0 && input.length <= 64 ? wellFormed.exec(input) : null;
      if (!match) return undefined;
      const weights = [86_400_000n, 3_600_000n, 60_000n, 1000n, 1n];
      const total = weights.reduce((sum, w, i) => sum + BigInt(match[i + 1] ?? '0') * w, 0n);
      return total <= BigInt(Number.MAX_SAFE_INTEGER) ? total : undefined;
    };
    const text = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.stringMatching(/^[0-9dhmsx .-]{0,12}$/),
      fc.stringMatching(/^(\d{1,20}(d|h|m|s|ms)){1,4}$/),
      fc.constantFrom('', '15', 'm', '15min', '1m1h', '1s1s', '-5m', '1.5h', ' 15m', '15m ', '1w'),
    );
    fc.assert(
      fc.property(text, (input) => {
        const expected = reference(input);
        return expected === undefined ? rejects(input) : BigInt(parseDuration(input)) === expected;
      }),
    );
  });

  it('rejects what is neither number nor string', () => {
    fc.assert(fc.property(fc.oneof(fc.boolean(), fc.object(), fc.constant(null)), rejects));
  });
});
