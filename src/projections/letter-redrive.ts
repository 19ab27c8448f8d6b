/** A letter received for a redrive, with the handle to delete it once handled. */
export interface ReceivedLetter<L> {
  readonly letter: L;
  readonly receipt: string;
}

/** Reads parked letters back for a redrive (an SQS queue on AWS and locally, or memory). */
export interface LetterSource<L> {
  /** Up to `max` letters; an empty list when the queue is empty. */
  receive(max: number): Promise<ReceivedLetter<L>[]>;
  remove(receipt: string): Promise<void>;
  /** Makes a received letter visible again at once (a letter left for a later redrive). */
  giveBack(receipt: string): Promise<void>;
}

/** What one release of a parked letter came to. */
export type LetterOutcome = 'released' | 'failed-again' | 'stale';

/** Counts of one redrive. */
export interface LetterRedriveReport {
  readonly received: number;
  readonly released: number;
  readonly failedAgain: number;
  readonly stale: number;
  /** Letters left in the queue because what they park was already retried in this redrive. */
  readonly deferred: number;
}

/** How one kind of letter is redriven: how it is released, and what makes two letters the same retry. */
export interface LetterRedriver<L> {
  release(letter: L): Promise<LetterOutcome>;
  keyOf(letter: L): string;
}

/**
 * Reads `source` and releases each letter once per key. A letter is deleted once handled: released, stale (no longer
 * parked), or parked again (which sent a fresh letter, left for the next redrive). Letters whose key was already
 * tried stay invisible until the loop ends, then go back to the queue.
 * @example
 * const report = await redriveLetters({ release: (l) => runner.release(l), keyOf: (l) => l.eventId }, queue);
 */
export async function redriveLetters<L>(
  redriver: LetterRedriver<L>,
  source: LetterSource<L>,
  options: { maxLetters?: number; batch?: number } = {},
): Promise<LetterRedriveReport> {
  const counts = { received: 0, released: 0, failedAgain: 0, stale: 0 };
  const tried = new Set<string>();
  const deferred: string[] = [];
  const maxLetters = options.maxLetters ?? 1_000;
  while (counts.received < maxLetters) {
    const letters = await source.receive(Math.min(options.batch ?? 10, maxLetters - counts.received));
    if (letters.length === 0) break;
    for (const { letter, receipt } of letters) {
      counts.received += 1;
      const key = redriver.keyOf(letter);
      if (tried.has(key)) {
        deferred.push(receipt);
        continue;
      }
      tried.add(key);
      const outcome = await redriver.release(letter);
      if (outcome === 'released') counts.released += 1;
      else if (outcome === 'failed-again') counts.failedAgain += 1;
      else counts.stale += 1;
      await source.remove(receipt);
    }
  }
  await Promise.all(deferred.map((receipt) => source.giveBack(receipt)));
  return { ...counts, deferred: deferred.length };
}

/**
 * A dead-letter queue in memory (the in-memory app, the specs and tests), also a source for redrives. Like SQS, a
 * received letter stays invisible until it is removed or given back.
 */
export class InMemoryLetters<L> implements LetterSource<L> {
  private readonly queue: ReceivedLetter<L>[] = [];
  private readonly inFlight = new Set<string>();
  private next = 0;

  /** @param receiptPrefix tells one queue's receipts from another's. */
  constructor(private readonly receiptPrefix: string) {}

  /** Letters not yet removed. */
  get letters(): L[] {
    return this.queue.map((l) => l.letter);
  }

  async send(letter: L): Promise<void> {
    this.queue.push({ letter, receipt: `${this.receiptPrefix}${(this.next += 1)}` });
  }

  async receive(max: number): Promise<ReceivedLetter<L>[]> {
    const visible = this.queue.filter((l) => !this.inFlight.has(l.receipt)).slice(0, max);
    for (const l of visible) this.inFlight.add(l.receipt);
    return visible;
  }

  async giveBack(receipt: string): Promise<void> {
    this.inFlight.delete(receipt);
  }

  async remove(receipt: string): Promise<void> {
    const at = this.queue.findIndex((l) => l.receipt === receipt);
    if (at >= 0) this.queue.splice(at, 1);
    this.inFlight.delete(receipt);
  }
}
