import fc from 'fast-check';
import { backoffMs } from '../../../src/infrastructure/dynamodb/control/batch-delete';

const retries = fc.record({
  maxAttempts: fc.integer({ min: 1, max: 20 }),
  baseDelayMs: fc.integer({ min: 1, max: 1_000 }),
});
const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('backoff of unprocessed batch deletes', () => {
  it('waits between half and all of the base delay doubled per retry, the doubling capped at 64 times', () => {
    fc.assert(
      fc.property(retries, fc.integer({ min: 1, max: 30 }), unit, (retry, attempt, random) => {
        const ceiling = retry.baseDelayMs * 2 ** Math.min(attempt - 1, 6);
        const delay = backoffMs(retry, attempt, random);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
        expect(delay).toBeLessThanOrEqual(ceiling);
        expect(delay).toBeLessThanOrEqual(retry.baseDelayMs * 64);
      }),
    );
  });

  it('never waits less on a later retry than the earliest possible wait of the one before', () => {
    fc.assert(
      fc.property(retries, fc.integer({ min: 1, max: 30 }), unit, unit, (retry, attempt, a, b) => {
        expect(backoffMs(retry, attempt + 1, b)).toBeGreaterThanOrEqual(backoffMs(retry, attempt, 0));
      }),
    );
  });
});
