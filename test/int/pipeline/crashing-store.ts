import type {
  GateRead,
  GateStep,
  ParkedMark,
  ReadModelStore,
  ReadModelTarget,
  StreamState,
} from '../../../src/projections/read-model-store';

/** Thrown by the crash injector: stands for a consumer process dying at that point. */
export class InjectedCrash extends Error {
  constructor(where: string) {
    super(`injected crash ${where}`);
    this.name = 'InjectedCrash';
  }
}

/**
 * Wraps the REAL read-model store and makes the consumer "crash" at random points: before a write, or after a
 * write succeeded but before the consumer could go on (the worst case for exactly-once).
 */
export class CrashingStore implements ReadModelStore {
  crashes = 0;

  constructor(
    private readonly inner: ReadModelStore,
    private readonly random: () => number,
    private readonly rate: number,
  ) {}

  readState(target: ReadModelTarget, streamId: string, read?: GateRead): Promise<StreamState> {
    return this.inner.readState(target, streamId, read);
  }

  async commit(target: ReadModelTarget, streamId: string, step: GateStep): Promise<boolean> {
    this.maybeCrash('before a commit');
    const written = await this.inner.commit(target, streamId, step);
    this.maybeCrash('after a commit');
    return written;
  }

  park(target: ReadModelTarget, streamId: string, expectedVersion: number, mark: ParkedMark) {
    return this.inner.park(target, streamId, expectedVersion, mark);
  }

  private maybeCrash(where: string): void {
    if (this.random() >= this.rate) return;
    this.crashes += 1;
    throw new InjectedCrash(where);
  }
}
