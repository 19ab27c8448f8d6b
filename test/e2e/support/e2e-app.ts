import { DocumentProjection, On, Projection } from '../../../src/projections';
import { defineEventfoldApp } from '../../../src/infrastructure/container/eventfold-app';
import { examplesDomain } from '../../../examples';
import { OrderCreated, OrderDeleted, OrderUpdated } from '../../../examples/orders';
import { PaidPerDay } from '../../../examples/bank';

/** The document the e2e projection keeps per order. */
export interface OrderSummary {
  readonly customerId: string;
  readonly lineCount: number;
  readonly status: 'open' | 'deleted';
}

/** A rebuildable projection over the orders example, so the tests can watch catch-up, replays and rebuilds. */
@Projection('e2e-order-summaries', { rebuildable: true })
export class OrderSummaries extends DocumentProjection<OrderSummary> {
  @On(OrderCreated)
  created(_view: OrderSummary | undefined, e: OrderCreated): OrderSummary {
    return { customerId: e.customerId, lineCount: e.lines.length, status: 'open' };
  }

  @On(OrderUpdated)
  updated(view: OrderSummary | undefined, e: OrderUpdated): OrderSummary | undefined {
    return view && { ...view, lineCount: e.lines.length };
  }

  @On(OrderDeleted)
  deleted(view: OrderSummary | undefined): OrderSummary | undefined {
    return view && { ...view, status: 'deleted', lineCount: 0 };
  }
}

/** The example domains with the e2e projection and the bank's row projection. */
export const e2eApp = defineEventfoldApp({
  domain: examplesDomain,
  projections: [new OrderSummaries(), new PaidPerDay()],
});
