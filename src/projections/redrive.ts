import type { DeadLetter, DeadLetterQueue, DeadLetterSource } from './dead-letters';
import { InMemoryLetters, type LetterRedriveReport, redriveLetters } from './letter-redrive';
import type { ProjectionRunner } from './projection-runner';

/** Counts of one redrive. */
export type RedriveReport = LetterRedriveReport;

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
export function redrive(
  runner: ProjectionRunner,
  source: DeadLetterSource,
  options: { maxLetters?: number; batch?: number } = {},
): Promise<RedriveReport> {
  return redriveLetters({ release: (letter) => runner.release(letter), keyOf }, source, options);
}

/**
 * A dead-letter queue in memory (the projection spec and unit tests), also a source for redrives. Like SQS, a
 * received letter stays invisible until it is removed or given back.
 */
export class InMemoryDeadLetters
  extends InMemoryLetters<DeadLetter>
  implements DeadLetterQueue, DeadLetterSource
{
  constructor() {
    super('r');
  }
}
