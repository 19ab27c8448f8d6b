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
  readonly until: number;
}

/**
 * Holds subjects' keys in memory for one function container, so that a key is fetched and unwrapped at most once per
 * subject per time limit. A destroy here evicts at once; another container may keep a destroyed key until its entry
 * expires (the time limit is the bound on how long a forget takes to reach every reader).
 * @example
 * const keys = new CachedSubjectKeys(new DynamoDbSubjectKeys(client, table, wrapper), { ttlMs: 60_000 });
 */
export class CachedSubjectKeys implements SubjectKeys {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

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

  async keyFor(subject: string): Promise<Uint8Array> {
    const held = this.fresh(subject);
    if (held?.key) return held.key;
    const key = await this.source.keyFor(subject);
    this.hold(subject, key);
    return key;
  }

  async existingKey(subject: string): Promise<Uint8Array | undefined> {
    const held = this.fresh(subject);
    if (held) return held.key;
    const key = await this.source.existingKey(subject);
    this.hold(subject, key);
    return key;
  }

  async destroy(subject: string): Promise<void> {
    this.entries.delete(subject);
    await this.source.destroy(subject);
    this.hold(subject, undefined);
  }

  private fresh(subject: string): Entry | undefined {
    const entry = this.entries.get(subject);
    if (!entry) return undefined;
    this.entries.delete(subject);
    if (entry.until <= this.now()) return undefined;
    this.entries.set(subject, entry);
    return entry;
  }

  private hold(subject: string, key: Uint8Array | undefined): void {
    this.entries.delete(subject);
    this.entries.set(subject, { key, until: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
