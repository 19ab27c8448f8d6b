import {
  Aggregate,
  AggregateRoot,
  Apply,
  type CommandContext,
  CommandHandler,
  RuleViolation,
} from '../../src';
import { Cart } from './cart';
import { Concert } from './concert';
import { Payment } from './payment';
import { ExpireReservation, PayReservation, ReserveSeats } from './reservation-commands';
import { ReservationExpired, ReservationPaid, SeatsHeld } from './sale-events';
import { TicketOrder } from './ticket-order';

/**
 * Seats of one concert held for a cart until they are paid or the reservation expires. Its commands load the
 * concert, which decides about the seats; the reservation's own rule is its life cycle: held, then paid or
 * expired, never both (two such commands write this stream at the same version, and only one wins).
 */
@AggregateRoot('Reservation')
export class Reservation extends Aggregate {
  status: 'none' | 'held' | 'paid' | 'expired' = 'none';
  concertId = '';
  cartId = '';
  seats: number[] = [];
  totalCents = 0;

  @CommandHandler(ReserveSeats, { creates: true })
  reserve(cmd: ReserveSeats, ctx: CommandContext): void {
    const seats = [...cmd.seats].sort((a, b) => a - b);
    const totalCents = ctx.related(Concert, cmd.concertId).reserve(this.id, seats);
    ctx.related(Cart, cmd.cartId).addItem(this.id, cmd.concertId, seats, totalCents);
    this.apply(new SeatsHeld(this.id, cmd.concertId, cmd.cartId, seats, totalCents));
  }

  @CommandHandler(ExpireReservation)
  expire(cmd: ExpireReservation, ctx: CommandContext): void {
    this.assertBelongsTo(cmd);
    if (this.status !== 'held') return;
    ctx.related(Concert, cmd.concertId).release(this.id, this.seats);
    ctx.related(Cart, cmd.cartId).itemExpired(this.id);
    this.apply(new ReservationExpired(this.id));
  }

  @CommandHandler(PayReservation)
  pay(cmd: PayReservation, ctx: CommandContext): void {
    this.assertBelongsTo(cmd);
    this.assertPayable(cmd.amountCents);
    const cart = ctx.related(Cart, cmd.cartId);
    ctx.related(Concert, cmd.concertId).sell(this.id, cmd.orderId, this.seats);
    ctx.related(Payment, cmd.paymentId).capture(this.id, cmd.orderId, cmd.amountCents);
    ctx.related(TicketOrder, cmd.orderId).place({
      customerId: cart.customerId,
      concertId: this.concertId,
      reservationId: this.id,
      paymentId: cmd.paymentId,
      seats: this.seats,
      totalCents: this.totalCents,
    });
    cart.itemPaid(this.id, cmd.orderId);
    this.apply(new ReservationPaid(this.id, cmd.paymentId, cmd.orderId));
  }

  private assertBelongsTo(cmd: { concertId: string; cartId: string }): void {
    if (cmd.concertId === this.concertId && cmd.cartId === this.cartId) return;
    throw new RuleViolation('the reservation is for another concert or cart', {
      reservationId: this.id,
      concertId: this.concertId,
      cartId: this.cartId,
    });
  }

  private assertPayable(amountCents: number): void {
    if (this.status !== 'held') {
      throw new RuleViolation(`the reservation is ${this.status}`, {
        reservationId: this.id,
        status: this.status,
      });
    }
    if (amountCents !== this.totalCents) {
      throw new RuleViolation('the amount differs from the reservation total', {
        reservationId: this.id,
        totalCents: this.totalCents,
        amountCents,
      });
    }
  }

  @Apply(SeatsHeld)
  onHeld(e: SeatsHeld): void {
    this.status = 'held';
    this.concertId = e.concertId;
    this.cartId = e.cartId;
    this.seats = [...e.seats];
    this.totalCents = e.totalCents;
  }

  @Apply(ReservationPaid)
  onPaid(): void {
    this.status = 'paid';
  }

  @Apply(ReservationExpired)
  onExpired(): void {
    this.status = 'expired';
  }
}
