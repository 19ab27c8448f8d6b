/**
 * An Aurora Serverless v2 cluster at 0 ACUs pauses when idle, and the Data API answers the first call after that
 * with `DatabaseResumingException` while the cluster resumes (about 15 s). A call so refused never ran, so the
 * client sends it again after a backoff, within a budget, instead of failing a whole batch of the consumer (whose
 * mapping would spend its bounded retries on the resume) or an API request.
 */

/** How long, and with which clock, a client waits for a paused cluster to resume. */
export interface ResumeWait {
  /** The longest wait in ms before the call fails with 503. Default 20 s (the API function's timeout is 29 s). */
  readonly budgetMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
}

/** The default wait: 20 s on the real clock. */
export const DEFAULT_RESUME_WAIT: ResumeWait = {
  budgetMs: 20_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};

const isResuming = (error: unknown) =>
  (error as { name?: unknown } | undefined)?.name === 'DatabaseResumingException';

/** The backoff before attempt `attempt + 1`: 0.5 s, 1 s, 2 s, then 4 s each. */
export const resumeBackoffMs = (attempt: number): number => Math.min(500 * 2 ** attempt, 4_000);

/** Runs `call`, and again after a backoff while it fails because the cluster is resuming, until the budget is spent. */
export async function waitingOutResume<T>(call: () => Promise<T>, wait: ResumeWait): Promise<T> {
  const deadline = wait.now() + wait.budgetMs;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const delay = resumeBackoffMs(attempt);
      if (!isResuming(error) || wait.now() + delay > deadline) throw error;
      await wait.sleep(delay);
    }
  }
}
