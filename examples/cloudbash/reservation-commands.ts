import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { AggregateId, Command, Loads } from '../../src';
import { Cart } from './cart';
import { Concert } from './concert';
import { ID, MAX_PRICE_CENTS, MAX_SEATS, MAX_SEATS_PER_RESERVATION } from './limits';
import { Payment } from './payment';
import { TicketOrder } from './ticket-order';

// Every command that changes seats targets a reservation and loads the concert: the concert decides, and both
// streams (with the cart's, and the payment's and order's when paying) are written in one atomic commit.

/** Holds seats of a concert for a cart; refused when any of them is taken. Creates the reservation. */
@Command('ReserveSeats')
export class ReserveSeats {
  @AggregateId() @IsString() @Matches(ID) reservationId!: string;
  @Loads(() => Concert) @IsString() @Matches(ID) concertId!: string;
  @Loads(() => Cart) @IsString() @Matches(ID) cartId!: string;
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_SEATS, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SEATS_PER_RESERVATION)
  @ArrayUnique()
  seats!: number[];
}

/**
 * Frees the seats of a reservation that was not paid in time (the reservation-expiry process sends it when its
 * timer fires). A paid or already expired reservation records nothing: the command is safe to repeat.
 */
@Command('ExpireReservation')
export class ExpireReservation {
  @AggregateId() @IsString() @Matches(ID) reservationId!: string;
  @Loads(() => Concert) @IsString() @Matches(ID) concertId!: string;
  @Loads(() => Cart) @IsString() @Matches(ID) cartId!: string;
}

/**
 * Pays a held reservation: captures the payment, sells its seats and places the order, in one commit. Refused
 * when the reservation expired, was paid, or the amount differs from its total.
 */
@Command('PayReservation')
export class PayReservation {
  @AggregateId() @IsString() @Matches(ID) reservationId!: string;
  @Loads(() => Concert) @IsString() @Matches(ID) concertId!: string;
  @Loads(() => Cart) @IsString() @Matches(ID) cartId!: string;
  @Loads(() => Payment) @IsString() @Matches(ID) paymentId!: string;
  @Loads(() => TicketOrder) @IsString() @Matches(ID) orderId!: string;
  @IsInt() @Min(0) @Max(MAX_PRICE_CENTS * MAX_SEATS_PER_RESERVATION) amountCents!: number;
}
