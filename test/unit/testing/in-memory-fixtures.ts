import { ContainerModule, inject, injectable } from 'inversify';
import { type OrderCreated, ordersDomain, OrderUpdated } from '../../../examples/orders';
import { OrderCreated as Created } from '../../../examples/orders/events';
import { defineEventfoldApp } from '../../../src/infrastructure/container/eventfold-app';
import { type ApplyContext, DocumentProjection, On, Projection } from '../../../src/projections';
import type { TableSlot } from '../../../src/projections/table-pointer';
import { inMemoryApp, type TestAppOptions } from '../../../src/testing/in-memory-app';

/** Streams a test makes the projection fail on, in one table slot only. */
@injectable()
export class SlotBreakage {
  readonly failing = new Map<string, TableSlot>();
}

/** A rebuildable count of each order's updates that fails where the test says (a stream in a slot). */
@injectable()
@Projection('order-updates', { rebuildable: true })
export class OrderUpdates extends DocumentProjection<{ updates: number }> {
  constructor(@inject(SlotBreakage) private readonly breakage: SlotBreakage) {
    super();
  }

  @On(Created)
  created(_: unknown, e: OrderCreated, ctx: ApplyContext) {
    if (this.breakage.failing.get(ctx.streamId) === ctx.slot) throw new Error(`cannot project ${e.orderId}`);
    return { updates: 0 };
  }

  @On(OrderUpdated)
  updated(view: { updates: number } | undefined) {
    return view && { updates: view.updates + 1 };
  }
}

/** An in-memory orders app with `OrderUpdates` and its breakage switch. */
export async function updatesApp(options: TestAppOptions = {}) {
  const app = await inMemoryApp(
    defineEventfoldApp({
      domain: ordersDomain,
      projections: [OrderUpdates],
      bindings: new ContainerModule(({ bind }) => void bind(SlotBreakage).toSelf().inSingletonScope()),
    }),
    options,
  );
  return { app, breakage: app.container.get(SlotBreakage) };
}

export const lines = [{ sku: 'a', quantity: 2 }];
