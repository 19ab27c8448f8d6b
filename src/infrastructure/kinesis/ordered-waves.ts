/** What one wave of sends did: the records that failed, the last error, and whether retrying is pointless. */
export interface WaveResult<R> {
  failed: Set<R>;
  error?: unknown;
  fatal: boolean;
}

/** How waves are retried: rounds with failures before giving up, and the pause before the next round. */
export interface WaveRetry {
  readonly maxAttempts: number;
  pause(failedRounds: number): Promise<void>;
}

/** The outcome of sending in waves: done, or stopped with the records never acknowledged (per key, a suffix). */
export type WavesOutcome<R> =
  | { readonly done: true }
  | { readonly done: false; readonly remaining: R[]; readonly error: unknown; readonly failedRounds: number };

/**
 * Sends records that are queued per key (partition key = aggregate) so that a key's records are acknowledged
 * strictly in queue order: each wave holds only the HEAD record of every key; a record that fails stays at the
 * head and is retried in the next wave, and the records behind it wait. Only failed records are resent.
 * @example
 * const outcome = await sendInWaves(queues, (wave) => putRecords(wave), { maxAttempts: 8, pause: backoff });
 */
export async function sendInWaves<R>(
  queues: Map<string, R[]>,
  send: (wave: R[]) => Promise<WaveResult<R>>,
  retry: WaveRetry,
): Promise<WavesOutcome<R>> {
  let failedRounds = 0;
  while (queues.size > 0) {
    const heads = [...queues].map(([key, queue]) => [key, queue[0] as R] as const);
    const { failed, error, fatal } = await send(heads.map(([, record]) => record));
    for (const [key, record] of heads) if (!failed.has(record)) shiftQueue(queues, key);
    if (failed.size === 0) continue;
    failedRounds += 1;
    if (fatal || failedRounds >= retry.maxAttempts) {
      return { done: false, remaining: [...queues.values()].flat(), error, failedRounds };
    }
    await retry.pause(failedRounds);
  }
  return { done: true };
}

function shiftQueue<R>(queues: Map<string, R[]>, key: string): void {
  const queue = queues.get(key);
  queue?.shift();
  if (queue?.length === 0) queues.delete(key);
}
