import { type ApplyContext, DocumentProjection, On, Projection } from '../../src';
import { OrderCreated, OrderDeleted, OrderUpdated, type OrderLine } from './events';

/** The read model of one order, as the HTTP API serves it. */
export interface OrderDocument {
  orderId: string;
  customerId: string;
  lines: OrderLine[];
  itemCount: number;
  status: 'open' | 'deleted';
  updatedAt: string;
}

const itemCount = (lines: readonly OrderLine[]) => lines.reduce((sum, line) => sum + line.quantity, 0);

/** One document per order: its lines, the number of items and whether it was deleted. Rebuildable. */
@Projection('order-documents', { rebuildable: true })
export class OrderDocuments extends DocumentProjection<OrderDocument> {
  @On(OrderCreated)
  created(_: OrderDocument | undefined, e: OrderCreated, ctx: ApplyContext): OrderDocument {
    const lines = [...e.lines];
    return {
      orderId: e.orderId,
      customerId: e.customerId,
      lines,
      itemCount: itemCount(lines),
      status: 'open',
      updatedAt: ctx.stored.committedAt,
    };
  }

  @On(OrderUpdated)
  updated(view: OrderDocument | undefined, e: OrderUpdated, ctx: ApplyContext) {
    if (!view) return view;
    const lines = [...e.lines];
    return { ...view, lines, itemCount: itemCount(lines), updatedAt: ctx.stored.committedAt };
  }

  @On(OrderDeleted)
  deleted(view: OrderDocument | undefined, _: OrderDeleted, ctx: ApplyContext) {
    return view && { ...view, status: 'deleted' as const, updatedAt: ctx.stored.committedAt };
  }
}
