import { ErrorCodes, hasErrorCode } from '../../domain/errors';

/** How often and how patiently a command is retried after a `ConcurrencyError`. */
export interface ConflictRetryPolicy {
  /** Retries after the first attempt; 5 by default. */
  readonly retries: number;
  /** The first backoff ceiling in ms, doubled per retry; 20 by default. */
  readonly baseDelayMs: number;
  /** The largest backoff ceiling in ms; 1,000 by default. */
  readonly maxDelayMs: number;
  /** A number in [0, 1); `Math.random` by default. */
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** The default policy: 5 retries, full-jitter backoff from 20 ms up to 1 s. */
export const defaultConflictRetryPolicy: ConflictRetryPolicy = {
  retries: 5,
  baseDelayMs: 20,
  maxDelayMs: 1_000,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The wait before retry number `retry` (from 1): a random share of an exponentially growing ceiling ("full jitter"). */
export function conflictBackoffMs(retry: number, policy: ConflictRetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(policy.random() * ceiling);
}

/**
 * Runs `attempt` (given the attempt number from 1) and runs it again after a jittered backoff while it fails
 * with a `ConcurrencyError`, at most `policy.retries` times; then rethrows the last `ConcurrencyError`.
 * Any other error is rethrown at once.
 * @example
 * const outcome = await retryOnConflict(async () => { const a = await repo.load(Order, id); ...; return repo.save(a); });
 */
export async function retryOnConflict<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  policy: ConflictRetryPolicy = defaultConflictRetryPolicy,
): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (!hasErrorCode(error, ErrorCodes.concurrency) || attemptNumber > policy.retries) throw error;
      await policy.sleep(conflictBackoffMs(attemptNumber, policy));
    }
  }
}
