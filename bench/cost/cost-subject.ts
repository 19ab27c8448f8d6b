import type { Meter } from './metered-client';

/**
 * One way of running the cost suite's commands (eventfold, castore, the raw AWS SDK), each on its own tables,
 * through a metered client. The bank commands are the bank example's; the appends and the read work on a stream
 * of the bench's events.
 */
export interface CostSubject {
  readonly name: string;
  readonly meter: Meter;
  /** Opens an account: creates an aggregate with one event. */
  openAccount(accountId: string, openingBalance: number): Promise<void>;
  /** Renames an account's holder: loads an existing aggregate and appends one event. */
  renameHolder(accountId: string, holderName: string): Promise<void>;
  /** Pays between two accounts: loads both and commits one event to each, atomically. */
  pay(accountId: string, payeeAccountId: string, paymentId: string, amount: number): Promise<void>;
  /** Appends `count` events to a stream at `expectedVersion` whose head the writer knows (it wrote it). */
  append(stream: string, expectedVersion: number, count: number): Promise<void>;
  /** Reads every event of a stream, in order; returns how many. */
  readStream(stream: string): Promise<number>;
  /**
   * Runs the app's projections, on the live consumer path, over the events of the commands since the last call.
   * Absent when the subject has no projection runtime.
   */
  fanOut?(): Promise<void>;
  close(): Promise<void>;
}
