import type { SubjectKeys } from '../../domain/personal/subject-keys';

/** Bounds of a key cache. */
export interface KeyCacheOptions {
  /** Most subjects held; the least recently used goes first. 1,000 when absent. */
  readonly maxEntries?: number;
  /** How long a key (or a subject's lack of one) is held, in ms. 5 minutes when absent. */
  readonly ttlMs?: number;
  /** The clock, in ms. */
  readonly now?: () => number;
}

interface Entry {
  readonly key: Uint8Array | undefined;
  /** The subject is forgotten: final, so held whatever overlapped, and never replaced by a key. */
  readonly forgotten: boolean;
  readonly until: number;
}

/** The requests to the source about one subject that are under way, and how many of them could change its key. */
interface Flight {
  calls: number;
  writes: number;
  writesStarted: number;
}

/**
 * Holds subjects' keys in memory for one function container, so that a key is fetched and unwrapped at most once per
 * subject per time limit. A destroy here evicts at once; another container may keep a destroyed key until its entry
 * expires (the time limit is the bound on how long a forget takes to reach every reader). What a request learnt is held
 * only when no request that could change the subject's key (a destroy, a first use) overlapped it: a key read just
 * before a destroy, or an absence read just before a first use, is answered to its caller but never held. That a
 * subject is forgotten (a destroy done here, or a first use refused) is final and held at once: a later first use
 * in this container is refused without a request.
 * @example
 * const keys = new CachedSubjectKeys(new DynamoDbSubjectKeys(client, table, wrapper), { ttlMs: 60_000 });
 */
export class CachedSubjectKeys implements SubjectKeys {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly flights = new Map<string, Flight>();

  constructor(
    private readonly source: SubjectKeys,
    options: KeyCacheOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? 1000;
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** How many subjects are held now. */
  get size(): number {
    return this.entries.size;
  }

  async keyFor(subject: string): Promise<Uint8Array | undefined> {
    const held = this.fresh(subject);
    if (held?.forgotten) return undefined;
    if (held?.key) return held.key;
    const { value, alone } = await this.request(subject, true, () => this.source.keyFor(subject));
    if (value) this.learnt(subject, value, alone);
    else this.hold(subject, undefined, true);
    return value;
  }

  async existingKey(subject: string): Promise<Uint8Array | undefined> {
    const held = this.fresh(subject);
    if (held) return held.key;
    const { value, alone } = await this.request(subject, false, () => this.source.existingKey(subject));
    this.learnt(subject, value, alone);
    return value;
  }

  async destroy(subject: string): Promise<void> {
    this.entries.delete(subject);
    await this.request(subject, true, () => this.source.destroy(subject));
    // A first use overlapping the destroy may have made a key, but the tombstone replaced it: forgotten is final.
    this.hold(subject, undefined, true);
  }

  /** Holds what a request alone learnt; after overlapping ones nothing held is trusted, so the next call asks. */
  private learnt(subject: string, key: Uint8Array | undefined, alone: boolean): void {
    if (this.entries.get(subject)?.forgotten) return;
    if (alone) this.hold(subject, key, false);
    else this.entries.delete(subject);
  }

  /**
   * Sends one request to the source; `alone` when no other request that could change the subject's key (`writes`)
   * was under way at its start or began before its answer.
   */
  private async request<T>(subject: string, writes: boolean, send: () => Promise<T>) {
    const flight = this.flights.get(subject) ?? { calls: 0, writes: 0, writesStarted: 0 };
    this.flights.set(subject, flight);
    const calm = flight.writes === 0;
    flight.calls++;
    if (writes) flight.writes++;
    if (writes) flight.writesStarted++;
    const since = flight.writesStarted;
    try {
      const value = await send();
      const others = flight.writes - (writes ? 1 : 0);
      return { value, alone: calm && others === 0 && flight.writesStarted === since };
    } finally {
      flight.calls--;
      if (writes) flight.writes--;
      if (flight.calls === 0) this.flights.delete(subject);
    }
  }

  private fresh(subject: string): Entry | undefined {
    const entry = this.entries.get(subject);
    if (!entry) return undefined;
    this.entries.delete(subject);
    if (entry.until <= this.now()) return undefined;
    this.entries.set(subject, entry);
    return entry;
  }

  private hold(subject: string, key: Uint8Array | undefined, forgotten: boolean): void {
    this.entries.delete(subject);
    this.entries.set(subject, { key, forgotten, until: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
