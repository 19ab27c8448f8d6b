import type { ReadModelSlotReset } from '../../application/rebuild/rebuild-ports';
import type { ReadModelTarget } from '../../projections/read-model-store';
import type { SqlClient } from '../../projections/sql/sql-client';
import type { SqlReadModelStore } from '../../projections/sql/sql-read-model-store';
import { recreate } from '../../projections/sql/sql-schema';
import { slotRoleIn, type ProjectionPointerStore } from '../../projections/table-pointer';
import { SlotInUseError } from '../dynamodb/control/slot-clear-errors';

/**
 * Empties the standby table set of a SQL projection before a rebuild fills it: drops its schema and creates it
 * again at the latest migration, in one transaction. It reads the pointer before the drop and again inside the
 * transaction just before it commits, and refuses (`SlotInUseError`, 422: nothing dropped) a schema the pointer
 * names active, previous or a running rebuild's standby, so no race of rebuild, rollback and abort empties a
 * schema readers, a rollback or another rebuild rely on.
 * @example
 * const reset = new SqlSlotClear(client, store, pointers);
 * await reset.reset({ projection: 'concert-search', slot: 'green' });
 */
export class SqlSlotClear implements ReadModelSlotReset {
  constructor(
    private readonly client: SqlClient,
    private readonly store: SqlReadModelStore,
    private readonly pointers: ProjectionPointerStore,
  ) {}

  async reset(target: ReadModelTarget): Promise<void> {
    const migrations = this.store.migrationsOf(target.projection);
    await this.refuseInUse(target);
    await recreate(this.client, this.store.schemaOf(target), migrations, () => this.refuseInUse(target));
  }

  private async refuseInUse(target: ReadModelTarget): Promise<void> {
    const pointer = await this.pointers.get(target.projection);
    const role = slotRoleIn(pointer, target.slot);
    if (role) throw new SlotInUseError(this.store.schemaOf(target), target.projection, target.slot, role);
  }
}
