import type { TableSlot } from '../../../src/projections/table-pointer';
import type { TestAppOptions } from '../../../src/testing/in-memory-app';
import { inMemoryRebuildCases, type RebuildSubject } from '../../support/in-memory-rebuild-cases';
import { OrderUpdates, updatesApp } from './in-memory-fixtures';

const target = (slot: TableSlot) => ({ projection: 'order-updates', slot });

/** `OrderUpdates` on the in-memory document store, whose tables a test can look into. */
async function documentSubject(options?: TestAppOptions): Promise<RebuildSubject> {
  const { app, breakage } = await updatesApp(options);
  const updatesOf = async (orderId: string) =>
    (await app.document(OrderUpdates, `Order#${orderId}`))?.updates;
  return {
    app,
    projection: OrderUpdates,
    name: 'order-updates',
    failing: breakage.failing,
    updates: async (ids) =>
      Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await updatesOf(id)]))),
    table: {
      updates: async (slot, orderId) =>
        (await app.readModels.document(target(slot), `Order#${orderId}`))?.updates as number | undefined,
      versions: async (slot) => (await app.readModels.dump(target(slot))).versions,
    },
  };
}

describe('the in-memory rebuild (the rebuild service and its flip gate) on the document store', () =>
  inMemoryRebuildCases(documentSubject));
