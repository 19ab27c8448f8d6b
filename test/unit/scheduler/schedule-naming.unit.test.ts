import fc from 'fast-check';
import { MIN_LEAD_MS, atExpression, scheduleNameOf, timeOfAt } from '../../../src/infrastructure/scheduler';
import { checkedTimer, MAX_TIMER_JSON_CHARS } from '../../../src';

const VALID_NAME = /^[0-9a-zA-Z_.-]{1,64}$/;
const anyId = fc.string({
  minLength: 1,
  maxLength: 400,
  unit: fc.oneof(
    fc.constant('a'),
    fc.constant('.'),
    fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
  ),
});

describe('scheduleNameOf', () => {
  it('gives every timer id a valid schedule name, the same each time', () => {
    fc.assert(
      fc.property(anyId, (id) => {
        const name = scheduleNameOf(id);
        return VALID_NAME.test(name) && name === scheduleNameOf(id);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a valid id as it is and gives different ids different names', () => {
    fc.assert(
      fc.property(anyId, anyId, (a, b) => {
        if (VALID_NAME.test(a) && !a.startsWith('h.')) expect(scheduleNameOf(a)).toBe(a);
        return a === b || scheduleNameOf(a) !== scheduleNameOf(b);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('atExpression', () => {
  const time = fc.date({ min: new Date('2020-01-01'), max: new Date('2100-01-01'), noInvalidDate: true });

  it('is never before the due time nor within a minute of now, and at most a second past the later of them', () => {
    fc.assert(
      fc.property(time, time, (due, now) => {
        const at = timeOfAt(atExpression(due.toISOString(), now));
        expect(at).toBeDefined();
        const earliest = Math.max(due.getTime(), now.getTime() + MIN_LEAD_MS);
        expect(at!.getTime()).toBeGreaterThanOrEqual(earliest);
        expect(at!.getTime() - earliest).toBeLessThan(1000);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('checkedTimer', () => {
  const timer = { timerId: 't', process: 'p', processId: 'x', name: 'n', dueAt: '2026-01-01T00:00:00Z' };

  it('refuses a timer with any field missing or of the wrong type, as a 400 naming it', () => {
    const notText = fc.oneof(fc.constant(''), fc.integer(), fc.constant(null), fc.array(fc.nat()));
    const bad = fc.oneof(
      fc.tuple(fc.constantFrom('timerId', 'process', 'processId', 'name'), notText),
      fc.tuple(
        fc.constant('dueAt'),
        fc.oneof(
          notText,
          fc.string().filter((t) => Number.isNaN(Date.parse(t))),
        ),
      ),
      fc.tuple(
        fc.constant('payload'),
        fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.nat())),
      ),
    );
    fc.assert(
      fc.property(bad, ([field, value]) => {
        expect(() => checkedTimer({ ...timer, [field]: value })).toThrow(
          expect.objectContaining({
            code: 'VALIDATION_FAILED',
            httpStatus: 400,
            context: expect.objectContaining({ violations: [expect.objectContaining({ field })] }),
          }),
        );
      }),
    );
  });

  it('refuses a timer larger than the scheduler takes, as a 413', () => {
    const big = { ...timer, payload: { blob: 'x'.repeat(MAX_TIMER_JSON_CHARS) } };
    expect(() => checkedTimer(big)).toThrow(
      expect.objectContaining({ code: 'LIMIT_EXCEEDED', httpStatus: 413 }),
    );
  });
});
