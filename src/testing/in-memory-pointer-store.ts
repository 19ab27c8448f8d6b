import type { ProjectionPointer, ProjectionPointerStore } from '../projections/table-pointer';

/** Projection pointers in memory, with the conditional write on the revision the control table makes. */
export class InMemoryPointerStore implements ProjectionPointerStore {
  private readonly pointers = new Map<string, ProjectionPointer>();

  async get(projection: string): Promise<ProjectionPointer> {
    return this.pointers.get(projection) ?? { projection, active: 'blue', revision: 0 };
  }

  async put(pointer: ProjectionPointer, expectedRevision: number): Promise<boolean> {
    if ((await this.get(pointer.projection)).revision !== expectedRevision) return false;
    this.pointers.set(pointer.projection, { ...pointer, revision: expectedRevision + 1 });
    return true;
  }
}
