import { Aggregate, AggregateRoot, Apply, RuleViolation } from '../../src';
import { TicketOrderPlaced } from './sale-events';

/** What an order records: the customer's paid seats of one concert. */
export type TicketOrderFields = Omit<TicketOrderPlaced, 'orderId'>;

/**
 * A customer's order of tickets: the seats of one paid reservation. Placed by `PayReservation` in the commit that
 * captures the payment and sells the seats, so every order holds its seats. An order id is used once.
 */
@AggregateRoot('TicketOrder')
export class TicketOrder extends Aggregate {
  customerId = '';
  concertId = '';
  seats: number[] = [];
  totalCents = 0;

  /** Places the order; refused when this order id was used before. */
  place(fields: TicketOrderFields): void {
    if (this.version > 0) throw new RuleViolation('order already exists', { orderId: this.id });
    this.apply(new TicketOrderPlaced({ orderId: this.id, ...fields, seats: [...fields.seats] }));
  }

  @Apply(TicketOrderPlaced)
  onPlaced(e: TicketOrderPlaced): void {
    this.customerId = e.customerId;
    this.concertId = e.concertId;
    this.seats = [...e.seats];
    this.totalCents = e.totalCents;
  }
}
