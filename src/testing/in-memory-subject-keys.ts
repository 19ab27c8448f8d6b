import { randomBytes } from 'node:crypto';
import type { SubjectKeys } from '../domain/personal/subject-keys';

/**
 * Subjects' keys in memory: for unit tests, the test kits and the in-memory app. Counts what it is asked, so a test
 * can check how often keys are fetched. A destroyed subject keeps a tombstone and is never given a key again.
 */
export class InMemorySubjectKeys implements SubjectKeys {
  private readonly keys = new Map<string, Uint8Array>();
  private readonly forgotten = new Set<string>();
  /** Requests served: key fetches (`get`), creations (`create`) and destroys. */
  readonly requests = { get: 0, create: 0, destroy: 0 };

  async keyFor(subject: string): Promise<Uint8Array | undefined> {
    this.requests.get += 1;
    if (this.forgotten.has(subject)) return undefined;
    let key = this.keys.get(subject);
    if (!key) {
      this.requests.create += 1;
      this.keys.set(subject, (key = randomBytes(32)));
    }
    return key;
  }

  async existingKey(subject: string): Promise<Uint8Array | undefined> {
    this.requests.get += 1;
    return this.keys.get(subject);
  }

  async destroy(subject: string): Promise<void> {
    this.requests.destroy += 1;
    this.keys.delete(subject);
    this.forgotten.add(subject);
  }

  /** The subjects that have a key now. */
  subjects(): string[] {
    return [...this.keys.keys()];
  }

  /** The subjects forgotten (tombstoned) so far. */
  tombstones(): string[] {
    return [...this.forgotten];
  }
}
