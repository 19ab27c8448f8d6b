import type { ReadModelSlotReset, SlotVersions } from '../application/rebuild/rebuild-ports';
import { SlotInUseError } from '../infrastructure/dynamodb/control/slot-clear-errors';
import type { InMemoryReadModelStore } from '../projections/in-memory-read-model-store';
import type { ReadModelTarget } from '../projections/read-model-store';
import { slotRoleIn, type ProjectionPointerStore } from '../projections/table-pointer';

/**
 * The rebuild's view of in-memory projection tables: their version gates (what the flip gate compares) and the
 * emptying of a standby, refused, as the DynamoDB slot clear refuses it, while the pointer names the slot.
 */
export class InMemorySlots implements SlotVersions, ReadModelSlotReset {
  constructor(
    private readonly readModels: InMemoryReadModelStore,
    private readonly pointers: ProjectionPointerStore,
  ) {}

  async versions(target: ReadModelTarget): Promise<ReadonlyMap<string, number>> {
    return new Map(Object.entries((await this.readModels.dump(target)).versions));
  }

  async versionsOf(target: ReadModelTarget, streamIds: readonly string[]) {
    const all = await this.versions(target);
    const some = new Map<string, number>();
    for (const streamId of streamIds) {
      const version = all.get(streamId);
      if (version !== undefined) some.set(streamId, version);
    }
    return some;
  }

  async reset(target: ReadModelTarget): Promise<void> {
    const pointer = await this.pointers.get(target.projection);
    const role = slotRoleIn(pointer, target.slot);
    const table = `${target.projection}/${target.slot}`;
    if (role) throw new SlotInUseError(table, target.projection, target.slot, role);
    this.readModels.clear(target);
  }
}
