import type { DeadLetter } from './dead-letters';
import type { DeadLetterQueue, DeadLetterSource, ReceivedDeadLetter } from './dead-letters';
import type { ProjectionRunner } from './projection-runner';

/** Counts of one redrive. */
export interface RedriveReport {
  readonly received: number;
  readonly released: number;
  readonly failedAgain: number;
  readonly stale: number;
  /** Letters left in the queue because their event was already retried in this redrive. */
  readonly deferred: number;
}

function keyOf(letter: DeadLetter): string {
  return JSON.stringify([letter.projection, letter.slot, letter.streamId, letter.version]);
}

/**
 * Reads the dead-letter queue and re-applies each parked event (and the events held behind it). A letter is
 * deleted once handled: released, stale (its stream is no longer parked there), or parked again (which sent a
 * fresh letter with the new error; that one is left for the next redrive).
 * @example
 * const report = await redrive(runner, sqsDeadLetters);
 */
export async function redrive(
  runner: ProjectionRunner,
  source: DeadLetterSource,
  options: { maxLetters?: number; batch?: number } = {},
): Promise<RedriveReport> {
  const counts = { received: 0, released: 0, failedAgain: 0, stale: 0 };
  const tried = new Set<string>();
  const deferred: string[] = [];
  const maxLetters = options.maxLetters ?? 1_000;
  while (counts.received < maxLetters) {
    const letters = await source.receive(Math.min(options.batch ?? 10, maxLetters - counts.received));
    if (letters.length === 0) break;
    for (const { letter, receipt } of letters) {
      counts.received += 1;
      if (tried.has(keyOf(letter))) {
        deferred.push(receipt);
        continue;
      }
      tried.add(keyOf(letter));
      const outcome = await runner.release(letter);
      if (outcome === 'released') counts.released += 1;
      else if (outcome === 'failed-again') counts.failedAgain += 1;
      else counts.stale += 1;
      await source.remove(receipt);
    }
  }
  // Letters sent by this redrive (events that failed again) stay invisible until the loop ends, then go back.
  await Promise.all(deferred.map((receipt) => source.giveBack(receipt)));
  return { ...counts, deferred: deferred.length };
}

/**
 * A dead-letter queue in memory (the projection spec and unit tests), also a source for redrives. Like SQS, a
 * received letter stays invisible until it is removed or given back.
 */
export class InMemoryDeadLetters implements DeadLetterQueue, DeadLetterSource {
  private readonly queue: ReceivedDeadLetter[] = [];
  private readonly inFlight = new Set<string>();
  private next = 0;

  /** Letters not yet removed. */
  get letters(): DeadLetter[] {
    return this.queue.map((l) => l.letter);
  }

  async send(letter: DeadLetter): Promise<void> {
    this.queue.push({ letter, receipt: `r${(this.next += 1)}` });
  }

  async receive(max: number): Promise<ReceivedDeadLetter[]> {
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
  }
}
