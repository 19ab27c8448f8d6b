import type { ProjectionPointer, ProjectionPointerStore } from './table-pointer';

/**
 * A pointer store that always answers "active on blue, no rebuild": a real choice for deployments whose
 * projections are never rebuilt. `put` refuses every change.
 */
export class FixedPointerStore implements ProjectionPointerStore {
  async get(projection: string): Promise<ProjectionPointer> {
    return { projection, active: 'blue', revision: 0 };
  }

  async put(): Promise<boolean> {
    return false;
  }
}

/** Remembers pointers for the life of one batch, so a batch reads each pointer once. */
export class BatchPointerCache implements ProjectionPointerStore {
  private readonly cache = new Map<string, Promise<ProjectionPointer>>();

  constructor(private readonly inner: ProjectionPointerStore) {}

  get(projection: string): Promise<ProjectionPointer> {
    let pointer = this.cache.get(projection);
    if (!pointer) {
      pointer = this.inner.get(projection);
      pointer.catch(() => this.cache.delete(projection));
      this.cache.set(projection, pointer);
    }
    return pointer;
  }

  put(pointer: ProjectionPointer, expectedRevision: number): Promise<boolean> {
    this.cache.delete(pointer.projection);
    return this.inner.put(pointer, expectedRevision);
  }
}
