import { defineDomain } from '../../src';
import { Cart } from './cart';
import { Concert } from './concert';
import { Payment } from './payment';
import { Reservation } from './reservation';
import { TicketOrder } from './ticket-order';

/** The Cloudbash ticket shop: concerts and their seats, carts, seat reservations, payments and orders. */
export const cloudbashDomain = defineDomain({
  aggregates: [Concert, Cart, Reservation, Payment, TicketOrder],
});
