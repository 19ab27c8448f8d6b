import type { ConsumerHandler } from '../runtime/composed-runtime';
import { below } from './random';

/** Thrown by the crash injector: stands for the consumer's process dying mid-batch. */
export class InjectedConsumerCrash extends Error {
  readonly code = 'INJECTED_CONSUMER_CRASH';
  constructor(applied: number, of: number) {
    super(`injected crash after applying ${applied} of ${of} records`);
    this.name = 'InjectedConsumerCrash';
  }
}

/** What the crash injector did. */
export interface CrashCounts {
  crashes: number;
}

/**
 * Makes the consumer crash mid-batch at `rate` (and always on its first batch of several records): it applies a
 * random prefix of the batch (possibly nothing) for real, then throws, so the mapping delivers the whole batch again.
 */
export function crashingConsumer(
  inner: ConsumerHandler,
  random: () => number,
  rate: number,
  counts: CrashCounts,
): ConsumerHandler {
  return async (event) => {
    const first = counts.crashes === 0 && event.Records.length > 1;
    if (!first && random() >= rate) return inner(event);
    const applied = first ? 1 : below(random, event.Records.length);
    if (applied > 0) await inner({ Records: event.Records.slice(0, applied) });
    counts.crashes += 1;
    throw new InjectedConsumerCrash(applied, event.Records.length);
  };
}
