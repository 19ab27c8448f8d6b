import type { ConcurrencyError } from '../domain/concurrency-error';
import { hasErrorCode, isEventfoldError } from '../domain/errors';
import type { FastCheckModule } from './fast-check';
import { testRunnerGlobals } from './test-runner-globals';

/** Resolves to the ConcurrencyError the promise rejects with, after checking its code. */
export async function expectConcurrencyError(promise: Promise<unknown>): Promise<ConcurrencyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  testRunnerGlobals().expect(hasErrorCode(error, 'CONCURRENCY_CONFLICT')).toBe(true);
  return error as ConcurrencyError;
}

/** Checks that the promise rejects with an eventfold error of the code. */
export async function expectRefusedWith(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  testRunnerGlobals()
    .expect(isEventfoldError(error) ? error.code : error)
    .toBe(code);
}

/** A random shape of commits: which of a few streams each commit appends to, and how many events. */
export function commitShapes(fc: FastCheckModule) {
  return fc.array(
    fc.array(fc.record({ stream: fc.integer({ min: 0, max: 3 }), events: fc.integer({ min: 1, max: 4 }) }), {
      minLength: 1,
      maxLength: 3,
    }),
    { minLength: 1, maxLength: 6 },
  );
}
