import type { StreamAppend } from '../../../domain/ports';
import type { StoredEvent } from '../../../domain/stored-event';

/** What an issued event was when the store handed it out (the object itself could be changed later). */
interface Issued {
  readonly streamId: string;
  readonly version: number;
  readonly committedAt: string;
}

/**
 * The stored events one event store handed out (read from a stream or returned by a commit), held weakly.
 * Events are never changed or deleted, so an event this store read or wrote is proof that the stream reached
 * its version: an append naming such an event as its predecessor needs no check that the expected version
 * exists. Anything else (a copy, an event of another store, a changed object) vouches for nothing.
 */
export class IssuedEvents {
  private readonly issued = new WeakMap<object, Issued>();

  /** Records an event as handed out by this store; returns it. */
  issue(event: StoredEvent): StoredEvent {
    this.issued.set(event, {
      streamId: event.streamId,
      version: event.version,
      committedAt: event.committedAt,
    });
    return event;
  }

  /**
   * The commit time of each append's predecessor that this store issued for exactly that stream and the
   * append's expected version, by stream id. Appends without such a predecessor are absent.
   */
  vouchedFor(appends: readonly StreamAppend[]): Map<string, string> {
    const vouched = new Map<string, string>();
    for (const append of appends) {
      const issued = append.predecessor ? this.issued.get(append.predecessor) : undefined;
      if (issued?.streamId === append.streamId && issued.version === append.expectedVersion) {
        vouched.set(append.streamId, issued.committedAt);
      }
    }
    return vouched;
  }
}
