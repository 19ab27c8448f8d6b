import type {
  Commit,
  CommitResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
} from '../../../src/domain/ports';
import type { StoredEvent } from '../../../src/domain/stored-event';
import { InjectedCrash } from '../pipeline/crashing-store';

/**
 * Wraps the REAL event store and makes its caller "crash" at random: before a commit, or after the commit was
 * stored but before the caller hears of it (for a process: between recording a step and dispatching its commands,
 * or between a command's commit and recording that it was dispatched).
 */
export class CrashingEventStore implements EventStore {
  crashes = 0;
  rate = 0;

  constructor(
    private readonly inner: EventStore,
    private readonly random: () => number,
  ) {}

  async commit(commit: Commit): Promise<CommitResult> {
    this.maybeCrash('before a commit');
    const result = await this.inner.commit(commit);
    this.maybeCrash('after a commit');
    return result;
  }

  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent> {
    return this.inner.readStream(streamId, options);
  }

  readAll(options: ReadAllOptions) {
    return this.inner.readAll(options);
  }

  private maybeCrash(where: string): void {
    if (this.random() >= this.rate) return;
    this.crashes += 1;
    throw new InjectedCrash(where);
  }
}
