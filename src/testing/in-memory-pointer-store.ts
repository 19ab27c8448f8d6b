import type { ProjectionPointer, ProjectionPointerStore } from '../projections/table-pointer';

/** Projection pointers in memory, with the conditional write on the revision the control table makes. */
export class InMemoryPointerStore implements ProjectionPointerStore {
  private readonly pointers = new Map<string, ProjectionPointer>();

  async get(projection: string): Promise<ProjectionPointer> {
    const pointer = this.pointers.get(projection);
    return pointer ? { ...pointer } : { projection, active: 'blue', revision: 0 };
  }

  async put(pointer: ProjectionPointer, expectedRevision: number): Promise<boolean> {
    if (this.revisionOf(pointer.projection) !== expectedRevision) return false;
    this.write(pointer, expectedRevision);
    return true;
  }

  /** The stored revision of a projection's pointer (0 before its first write). */
  revisionOf(projection: string): number {
    return this.pointers.get(projection)?.revision ?? 0;
  }

  /**
   * Stores a pointer at `expectedRevision + 1` without checking (the caller checked `revisionOf` in the same
   * turn); fields left undefined are dropped, as the control table drops them.
   */
  write(pointer: ProjectionPointer, expectedRevision: number): void {
    const defined = Object.entries(pointer).filter(([, value]) => value !== undefined);
    const stored = { ...Object.fromEntries(defined), revision: expectedRevision + 1 } as ProjectionPointer;
    this.pointers.set(pointer.projection, stored);
  }
}
