import { ArrayMaxSize, ArrayMinSize, IsInt, IsString, Min } from 'class-validator';
import { DomainEvent } from '../../src';

// The events of carts, reservations, payments and orders. The rules check what a raw publish hands over.

/** A customer opened a shopping cart. */
@DomainEvent('CartOpened', 1)
export class CartOpened {
  @IsString() readonly cartId: string;
  @IsString() readonly customerId: string;

  constructor(cartId: string, customerId: string) {
    this.cartId = cartId;
    this.customerId = customerId;
  }
}

/** Seats held by a reservation were put in a cart. */
@DomainEvent('CartItemAdded', 1)
export class CartItemAdded {
  @IsString() readonly reservationId: string;
  @IsString() readonly concertId: string;
  @IsInt({ each: true }) @Min(1, { each: true }) @ArrayMinSize(1) @ArrayMaxSize(100) readonly seats: number[];
  @IsInt() @Min(0) readonly totalCents: number;

  constructor(reservationId: string, concertId: string, seats: number[], totalCents: number) {
    this.reservationId = reservationId;
    this.concertId = concertId;
    this.seats = seats;
    this.totalCents = totalCents;
  }
}

/** A cart's item expired with its reservation: its seats are no longer held. */
@DomainEvent('CartItemExpired', 1)
export class CartItemExpired {
  @IsString() readonly reservationId: string;

  constructor(reservationId: string) {
    this.reservationId = reservationId;
  }
}

/** A cart's item was paid and became an order. */
@DomainEvent('CartItemPaid', 1)
export class CartItemPaid {
  @IsString() readonly reservationId: string;
  @IsString() readonly orderId: string;

  constructor(reservationId: string, orderId: string) {
    this.reservationId = reservationId;
    this.orderId = orderId;
  }
}

/** Seats of a concert are held for a cart until the reservation is paid or expires. */
@DomainEvent('SeatsHeld', 1)
export class SeatsHeld {
  @IsString() readonly reservationId: string;
  @IsString() readonly concertId: string;
  @IsString() readonly cartId: string;
  @IsInt({ each: true }) @Min(1, { each: true }) @ArrayMinSize(1) @ArrayMaxSize(100) readonly seats: number[];
  @IsInt() @Min(0) readonly totalCents: number;

  constructor(reservationId: string, concertId: string, cartId: string, seats: number[], totalCents: number) {
    this.reservationId = reservationId;
    this.concertId = concertId;
    this.cartId = cartId;
    this.seats = seats;
    this.totalCents = totalCents;
  }
}

/** A reservation was paid: its seats are sold. */
@DomainEvent('ReservationPaid', 1)
export class ReservationPaid {
  @IsString() readonly reservationId: string;
  @IsString() readonly paymentId: string;
  @IsString() readonly orderId: string;

  constructor(reservationId: string, paymentId: string, orderId: string) {
    this.reservationId = reservationId;
    this.paymentId = paymentId;
    this.orderId = orderId;
  }
}

/** A reservation was not paid in time; its seats were freed. */
@DomainEvent('ReservationExpired', 1)
export class ReservationExpired {
  @IsString() readonly reservationId: string;

  constructor(reservationId: string) {
    this.reservationId = reservationId;
  }
}

/** A payment for a reservation was captured. */
@DomainEvent('PaymentCaptured', 1)
export class PaymentCaptured {
  @IsString() readonly paymentId: string;
  @IsString() readonly reservationId: string;
  @IsString() readonly orderId: string;
  @IsInt() @Min(0) readonly amountCents: number;

  constructor(paymentId: string, reservationId: string, orderId: string, amountCents: number) {
    this.paymentId = paymentId;
    this.reservationId = reservationId;
    this.orderId = orderId;
    this.amountCents = amountCents;
  }
}

/** An order for paid seats: the customer's tickets. */
@DomainEvent('TicketOrderPlaced', 1)
export class TicketOrderPlaced {
  @IsString() readonly orderId: string;
  @IsString() readonly customerId: string;
  @IsString() readonly concertId: string;
  @IsString() readonly reservationId: string;
  @IsString() readonly paymentId: string;
  @IsInt({ each: true }) @Min(1, { each: true }) @ArrayMinSize(1) @ArrayMaxSize(100) readonly seats: number[];
  @IsInt() @Min(0) readonly totalCents: number;

  /** Takes its fields by name (storage reads build it with no argument). */
  constructor(fields: TicketOrderPlaced) {
    this.orderId = fields?.orderId;
    this.customerId = fields?.customerId;
    this.concertId = fields?.concertId;
    this.reservationId = fields?.reservationId;
    this.paymentId = fields?.paymentId;
    this.seats = fields?.seats;
    this.totalCents = fields?.totalCents;
  }
}
