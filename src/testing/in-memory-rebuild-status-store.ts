import type {
  RebuildChange,
  RebuildState,
  RebuildStatus,
  RebuildStatusStore,
} from '../application/rebuild/rebuild-status';
import type { ProjectionPointer } from '../projections/table-pointer';
import type { InMemoryPointerStore } from './in-memory-pointer-store';

/** Drops the fields a change leaves undefined, as the DynamoDB adapter's update does (it sets only those given). */
function definedOf(change: RebuildChange): RebuildChange {
  return Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
}

/**
 * Rebuild status in memory with the control table's semantics: one lock per projection naming its latest
 * rebuild, conditional updates on the rebuild's state, and `updateWithPointer` writing the pointer (in the
 * pointer store it is given) and the rebuild together or neither. Nothing awaits between a check and its write,
 * so each call is as atomic as the adapter's transaction.
 */
export class InMemoryRebuildStatusStore implements RebuildStatusStore {
  private readonly rebuilds = new Map<string, RebuildStatus>();
  private readonly locks = new Map<string, { rebuildId: string; open: boolean }>();

  constructor(private readonly pointers: InMemoryPointerStore) {}

  async begin(status: RebuildStatus): Promise<boolean> {
    const key = `${status.projection}/${status.rebuildId}`;
    if (this.rebuilds.has(key) || this.locks.get(status.projection)?.open) return false;
    this.rebuilds.set(key, { ...status });
    this.locks.set(status.projection, { rebuildId: status.rebuildId, open: true });
    return true;
  }

  async get(projection: string, rebuildId: string): Promise<RebuildStatus | undefined> {
    const status = this.rebuilds.get(`${projection}/${rebuildId}`);
    return status && { ...status };
  }

  async latest(projection: string): Promise<RebuildStatus | undefined> {
    const lock = this.locks.get(projection);
    return lock && this.get(projection, lock.rebuildId);
  }

  async update(
    projection: string,
    rebuildId: string,
    change: RebuildChange,
    options: { readonly release?: boolean; readonly from?: readonly RebuildState[] } = {},
  ): Promise<boolean> {
    if (!this.changeable(projection, rebuildId, options.from ?? [])) return false;
    this.apply(projection, rebuildId, change, options.release);
    return true;
  }

  async updateWithPointer(
    pointer: ProjectionPointer,
    expectedRevision: number,
    rebuildId: string,
    change: RebuildChange,
    options: { readonly release?: boolean; readonly from: readonly RebuildState[] },
  ): Promise<boolean> {
    const { projection } = pointer;
    if (this.pointers.revisionOf(projection) !== expectedRevision) return false;
    if (!this.changeable(projection, rebuildId, options.from)) return false;
    this.pointers.write(pointer, expectedRevision);
    this.apply(projection, rebuildId, change, options.release);
    return true;
  }

  private changeable(projection: string, rebuildId: string, from: readonly RebuildState[]): boolean {
    const status = this.rebuilds.get(`${projection}/${rebuildId}`);
    return status !== undefined && (from.length === 0 || from.includes(status.state));
  }

  private apply(projection: string, rebuildId: string, change: RebuildChange, release?: boolean): void {
    const key = `${projection}/${rebuildId}`;
    this.rebuilds.set(key, { ...this.rebuilds.get(key)!, ...definedOf(change) });
    const lock = this.locks.get(projection);
    if (release && lock?.rebuildId === rebuildId) this.locks.set(projection, { rebuildId, open: false });
  }
}
