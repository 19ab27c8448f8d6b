import type { LetterSource, ReceivedLetter } from './letter-redrive';
import type { ApplyMode } from './apply-context';
import type { TableSlot } from './table-pointer';

/** The coordinates of a parked event: enough to find it in the store and re-apply it. */
export interface DeadLetter {
  readonly projection: string;
  readonly slot: TableSlot;
  /** How the event was being applied; a redrive applies it (and the events held behind it) the same way. */
  readonly mode: ApplyMode;
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly eventType: string;
  readonly error: string;
  readonly attempts: number;
  readonly parkedAt: string;
}

/** Where poison events are parked (an SQS queue on AWS and locally). */
export interface DeadLetterQueue {
  send(letter: DeadLetter): Promise<void>;
}

/** A dead letter received for a redrive, with the handle to delete it once handled. */
export type ReceivedDeadLetter = ReceivedLetter<DeadLetter>;

/** Reads dead letters back for a redrive. */
export type DeadLetterSource = LetterSource<DeadLetter>;
