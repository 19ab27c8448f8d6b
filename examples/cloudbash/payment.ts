import { Aggregate, AggregateRoot, Apply, RuleViolation } from '../../src';
import { PaymentCaptured } from './sale-events';

/**
 * A payment for one reservation. It is captured by `PayReservation` in the same commit that sells the seats and
 * places the order, so a payment never exists for seats that were freed. A payment id is used once.
 */
@AggregateRoot('Payment')
export class Payment extends Aggregate {
  reservationId = '';
  orderId = '';
  amountCents = 0;

  /** Captures the payment; refused when this payment id was used before. */
  capture(reservationId: string, orderId: string, amountCents: number): void {
    if (this.version > 0) throw new RuleViolation('payment already exists', { paymentId: this.id });
    this.apply(new PaymentCaptured(this.id, reservationId, orderId, amountCents));
  }

  @Apply(PaymentCaptured)
  onCaptured(e: PaymentCaptured): void {
    this.reservationId = e.reservationId;
    this.orderId = e.orderId;
    this.amountCents = e.amountCents;
  }
}
