import { DomainEvent } from '../../src';

/** One line of an order: an article and how many of it. */
export interface OrderLine {
  readonly sku: string;
  readonly quantity: number;
}

/** An order was created for a customer with its first lines. */
@DomainEvent('OrderCreated', 1)
export class OrderCreated {
  constructor(
    readonly orderId: string,
    readonly customerId: string,
    readonly lines: readonly OrderLine[],
  ) {}
}

/** The lines of an order were replaced. */
@DomainEvent('OrderUpdated', 1)
export class OrderUpdated {
  constructor(
    readonly orderId: string,
    readonly lines: readonly OrderLine[],
  ) {}
}

/** An order was deleted; nothing may happen to it afterwards. */
@DomainEvent('OrderDeleted', 1)
export class OrderDeleted {
  constructor(readonly orderId: string) {}
}
