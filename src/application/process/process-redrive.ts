import {
  InMemoryLetters,
  type LetterRedriveReport,
  type LetterSource,
  type ReceivedLetter,
  redriveLetters,
} from '../../projections/letter-redrive';
import type { ProcessDeadLetter, ProcessDeadLetterQueue } from './process-dead-letters';
import type { ProcessReleaseOutcome } from './process-runner';

/** A process dead letter received for a redrive, with the handle to delete it once handled. */
export type ReceivedProcessDeadLetter = ReceivedLetter<ProcessDeadLetter>;

/** Reads process dead letters back for a redrive (the projections' letters in the same queue are left alone). */
export type ProcessDeadLetterSource = LetterSource<ProcessDeadLetter>;

/** What releases a parked input: the process runner. */
export interface ProcessReleaser {
  release(letter: ProcessDeadLetter): Promise<ProcessReleaseOutcome>;
}

/** Counts of one process redrive. */
export type ProcessRedriveReport = LetterRedriveReport;

/**
 * Runs each parked process input again (and, once it passes, the inputs held behind it). A letter is deleted once
 * handled: released, stale (no longer parked), or parked again (which sent a fresh letter for the next redrive).
 * @example
 * const report = await redriveProcesses(runner, deadLetters);
 */
export function redriveProcesses(
  runner: ProcessReleaser,
  source: ProcessDeadLetterSource,
  options: { maxLetters?: number } = {},
): Promise<ProcessRedriveReport> {
  const keyOf = (letter: ProcessDeadLetter) => `${letter.streamId}\u0000${letter.inputId}`;
  return redriveLetters({ release: (letter) => runner.release(letter), keyOf }, source, options);
}

/** Process dead letters in memory (the in-memory app and tests); like SQS, a received letter stays hidden until removed or given back. */
export class InMemoryProcessDeadLetters
  extends InMemoryLetters<ProcessDeadLetter>
  implements ProcessDeadLetterQueue, ProcessDeadLetterSource
{
  constructor() {
    super('p');
  }
}
