import type { ProjectionPointer, ProjectionPointerStore } from './table-pointer';

/** A pointer read, and when it was sent (its value is at least that recent). */
interface CachedRead {
  readonly sentAt: number;
  readonly pointer: Promise<ProjectionPointer>;
}

/**
 * Remembers each projection's pointer for `maxAgeMs` from when it was read, so that a projection consumer's
 * container reads a pointer once per `maxAgeMs` instead of once per batch. A pointer change then reaches every
 * consumer within `maxAgeMs`, so whatever waits for batches that read the old pointer (the flip gate's hand-over,
 * a rollback, a rebuild start that drops `previous`) must wait `maxAgeMs` longer: see `inFlightWaitMs`.
 * The age counts from when the read was sent, not answered. `put` forgets the projection's entry. With
 * `maxAgeMs` 0 every `get` reads.
 * @example
 * const pointers = new TimedPointerCache(new DynamoDbProjectionPointerStore(client, table), 3_000);
 */
export class TimedPointerCache implements ProjectionPointerStore {
  private readonly reads = new Map<string, CachedRead>();

  constructor(
    private readonly inner: ProjectionPointerStore,
    private readonly maxAgeMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  get(projection: string): Promise<ProjectionPointer> {
    const now = this.clock();
    const cached = this.reads.get(projection);
    if (cached && now - cached.sentAt < this.maxAgeMs) return cached.pointer;
    const read = { sentAt: now, pointer: this.inner.get(projection) };
    read.pointer.catch(() => {
      if (this.reads.get(projection) === read) this.reads.delete(projection);
    });
    if (this.maxAgeMs > 0) this.reads.set(projection, read);
    return read.pointer;
  }

  put(pointer: ProjectionPointer, expectedRevision: number): Promise<boolean> {
    this.reads.delete(pointer.projection);
    return this.inner.put(pointer, expectedRevision);
  }
}

/** How long a live batch may take after it read a pointer (the bound every hand-over has relied on). */
export const BATCH_IN_FLIGHT_MS = 1_000;

/**
 * How long a pointer change must wait before it may rely on every live batch using the changed pointer: a
 * consumer may keep using the old one for `pointerCacheMs`, and a batch that read it then takes up to 1 s.
 */
export function inFlightWaitMs(pointerCacheMs: number): number {
  return pointerCacheMs + BATCH_IN_FLIGHT_MS;
}
