import type { ReplayMode } from '../application/replay/replay-mode';
import type { Duration } from '../domain/duration';
import type { EventMetadata, StoredEvent } from '../domain/stored-event';
import type { ReadModels } from '../projections/read-models';

/** What a command stored. */
export interface CommandResult {
  readonly streamId: string;
  /** The target aggregate's version after the command. */
  readonly version: number;
  readonly events: readonly StoredEvent[];
}

/**
 * A whole app under test, in memory (`inMemoryApp`) or on the local runtime (`localApp`) behind the same
 * interface, so one test file runs against either by changing the line that builds it.
 * @example
 * const app = await inMemoryApp(ordersApp); // or: await localApp(ordersApp)
 * await app.command('CreateOrder', { orderId: 'o1', customerId: 'c1', lines });
 * await app.settled();
 * expect(await app.document(OrderDocuments, 'Order#o1')).toMatchObject({ itemCount: 2 });
 * await app.stop();
 */
export interface EventfoldTestApp extends ReadModels {
  /** Runs a registered command by name; a refused one throws its `EventfoldError` (same code either way). */
  command(name: string, input: unknown, options?: { metadata?: EventMetadata }): Promise<CommandResult>;
  /** Resolves once every event committed so far has reached every projection (or was parked). */
  settled(): Promise<void>;
  /** Replays events through the projections (no side effects), and resolves when the replay is done. */
  replay(mode: ReplayMode): Promise<void>;
  /**
   * Forgets a data subject (its key destroyed, `SubjectForgotten` appended and delivered): from then on its personal
   * fields read as their replacements everywhere. Answers where the forget is recorded.
   */
  forget(subject: string): Promise<{ readonly streamId: string; readonly version: number }>;
  /**
   * Moves the app's clock (`'15m'`, or milliseconds) and resolves once the process timers that fell due were
   * delivered: in memory the test clock, on the local runtime its scheduler's clock (`POST /local/clock`).
   */
  advance(by: Duration): Promise<void>;
  /** Stops what the app started. */
  stop(): Promise<void>;
}
