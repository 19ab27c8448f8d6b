import { IsString, Matches } from 'class-validator';
import {
  Aggregate,
  AggregateId,
  AggregateRoot,
  Apply,
  Command,
  CommandHandler,
  NotFoundError,
} from '../../src';
import { ID } from './limits';
import { CartItemAdded, CartItemExpired, CartItemPaid, CartOpened } from './sale-events';

/** Opens a shopping cart for a customer. */
@Command('OpenCart')
export class OpenCart {
  @AggregateId() @IsString() @Matches(ID) cartId!: string;
  @IsString() @Matches(ID) customerId!: string;
}

/** A cart's line: the seats one reservation holds, and what became of them. */
export interface CartItem {
  readonly concertId: string;
  readonly seats: number[];
  readonly totalCents: number;
  readonly status: 'held' | 'expired' | 'paid';
  readonly orderId?: string;
}

/**
 * A customer's shopping cart: the reservations made for it and whether each is still held, expired or paid.
 * The reservation's command handlers add and settle its items, in the reservation's commit.
 */
@AggregateRoot('Cart', { snapshotEvery: 50 })
export class Cart extends Aggregate {
  customerId = '';
  items: Record<string, CartItem> = {};

  @CommandHandler(OpenCart, { creates: true })
  open(cmd: OpenCart): void {
    this.apply(new CartOpened(cmd.cartId, cmd.customerId));
  }

  /** Puts a reservation's seats in the cart; a cart that was never opened is NOT_FOUND. */
  addItem(reservationId: string, concertId: string, seats: number[], totalCents: number): void {
    if (this.version === 0) throw new NotFoundError('Cart', this.id);
    this.apply(new CartItemAdded(reservationId, concertId, seats, totalCents));
  }

  /** Marks an item expired with its reservation. */
  itemExpired(reservationId: string): void {
    if (this.items[reservationId]) this.apply(new CartItemExpired(reservationId));
  }

  /** Marks an item paid, naming its order. */
  itemPaid(reservationId: string, orderId: string): void {
    if (this.items[reservationId]) this.apply(new CartItemPaid(reservationId, orderId));
  }

  @Apply(CartOpened)
  onOpened(e: CartOpened): void {
    this.customerId = e.customerId;
  }

  @Apply(CartItemAdded)
  onItemAdded(e: CartItemAdded): void {
    const { concertId, totalCents } = e;
    this.items[e.reservationId] = { concertId, seats: [...e.seats], totalCents, status: 'held' };
  }

  @Apply(CartItemExpired)
  onItemExpired(e: CartItemExpired): void {
    const item = this.items[e.reservationId];
    if (item) this.items[e.reservationId] = { ...item, status: 'expired' };
  }

  @Apply(CartItemPaid)
  onItemPaid(e: CartItemPaid): void {
    const item = this.items[e.reservationId];
    if (item) this.items[e.reservationId] = { ...item, status: 'paid', orderId: e.orderId };
  }
}
