import { validateCommand } from '../../src';
import { OpenCart } from './cart';
import { ScheduleConcert } from './concert';
import { ConcertScheduled } from './concert-events';
import { ExpireReservation, PayReservation, ReserveSeats } from './reservation-commands';
import { CartOpened } from './sale-events';

/** A small hall: ten seats at 45 euros. */
export const scheduled = new ConcertScheduled(
  'k1',
  'Golden Earring',
  'Ahoy, Rotterdam',
  '2026-12-31',
  10,
  4_500,
);
/** Ann's cart. */
export const cartOpened = new CartOpened('c1', 'ann');

/** The commands of the specs, valid by construction and with the fixtures' ids unless told otherwise. */
export const commands = {
  schedule: (concertId = 'k1', seats = 10) =>
    validateCommand(ScheduleConcert, {
      concertId,
      name: 'Golden Earring',
      location: 'Ahoy, Rotterdam',
      date: '2026-12-31',
      seats,
      priceCents: 4_500,
    }),
  openCart: (cartId = 'c1', customerId = 'ann') => validateCommand(OpenCart, { cartId, customerId }),
  reserve: (seats: number[], reservationId = 'r1', cartId = 'c1') =>
    validateCommand(ReserveSeats, { reservationId, concertId: 'k1', cartId, seats }),
  expire: (reservationId = 'r1', cartId = 'c1') =>
    validateCommand(ExpireReservation, { reservationId, concertId: 'k1', cartId }),
  pay: (
    amountCents: number,
    ids: Partial<Record<'reservationId' | 'cartId' | 'paymentId' | 'orderId', string>> = {},
  ) =>
    validateCommand(PayReservation, {
      reservationId: 'r1',
      concertId: 'k1',
      cartId: 'c1',
      paymentId: 'p1',
      orderId: 'o1',
      amountCents,
      ...ids,
    }),
};
