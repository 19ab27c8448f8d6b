import type { ProcessDeadLetter, ProcessDeadLetterQueue } from './process-dead-letters';
import type { ProcessReleaseOutcome } from './process-runner';

/** A process dead letter received for a redrive, with the handle to delete it once handled. */
export interface ReceivedProcessDeadLetter {
  readonly letter: ProcessDeadLetter;
  readonly receipt: string;
}

/** Reads process dead letters back for a redrive (the projections' letters in the same queue are left alone). */
export interface ProcessDeadLetterSource {
  receive(max: number): Promise<ReceivedProcessDeadLetter[]>;
  remove(receipt: string): Promise<void>;
  giveBack(receipt: string): Promise<void>;
}

/** What releases a parked input: the process runner. */
export interface ProcessReleaser {
  release(letter: ProcessDeadLetter): Promise<ProcessReleaseOutcome>;
}

/** Counts of one process redrive. */
export interface ProcessRedriveReport {
  readonly received: number;
  readonly released: number;
  readonly failedAgain: number;
  readonly stale: number;
  /** Letters left in the queue because their input was already retried in this redrive. */
  readonly deferred: number;
}

/**
 * Runs each parked process input again (and, once it passes, the inputs held behind it). A letter is deleted once
 * handled: released, stale (no longer parked), or parked again (which sent a fresh letter for the next redrive).
 * @example
 * const report = await redriveProcesses(runner, deadLetters);
 */
export async function redriveProcesses(
  runner: ProcessReleaser,
  source: ProcessDeadLetterSource,
  options: { maxLetters?: number } = {},
): Promise<ProcessRedriveReport> {
  const counts = { received: 0, released: 0, failedAgain: 0, stale: 0 };
  const tried = new Set<string>();
  const deferred: string[] = [];
  const maxLetters = options.maxLetters ?? 1_000;
  while (counts.received < maxLetters) {
    const letters = await source.receive(Math.min(10, maxLetters - counts.received));
    if (letters.length === 0) break;
    for (const { letter, receipt } of letters) {
      counts.received += 1;
      const key = `${letter.streamId}\u0000${letter.inputId}`;
      if (tried.has(key)) {
        deferred.push(receipt);
        continue;
      }
      tried.add(key);
      const outcome = await runner.release(letter);
      if (outcome === 'released') counts.released += 1;
      else if (outcome === 'failed-again') counts.failedAgain += 1;
      else counts.stale += 1;
      await source.remove(receipt);
    }
  }
  await Promise.all(deferred.map((receipt) => source.giveBack(receipt)));
  return { ...counts, deferred: deferred.length };
}

/** Process dead letters in memory (the in-memory app and tests); like SQS, a received letter stays hidden until removed or given back. */
export class InMemoryProcessDeadLetters implements ProcessDeadLetterQueue, ProcessDeadLetterSource {
  private readonly queue: ReceivedProcessDeadLetter[] = [];
  private readonly inFlight = new Set<string>();
  private next = 0;

  /** Letters not yet removed. */
  get letters(): ProcessDeadLetter[] {
    return this.queue.map((l) => l.letter);
  }

  async send(letter: ProcessDeadLetter): Promise<void> {
    this.queue.push({ letter, receipt: `p${(this.next += 1)}` });
  }

  async receive(max: number): Promise<ReceivedProcessDeadLetter[]> {
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
