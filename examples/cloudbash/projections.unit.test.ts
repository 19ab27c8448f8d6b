import { forProjection } from '../../src/testing';
import {
  CartDocuments,
  CartItemAdded,
  CartItemExpired,
  CartItemPaid,
  ConcertSeats,
  SeatsReleased,
  SeatsReserved,
  SeatsSold,
  cloudbashDomain,
} from '.';
import { cartOpened, scheduled } from './fixtures';

describe('cart documents', () => {
  it('keeps one document per cart with its lines and what the held seats cost', async () => {
    await forProjection(new CartDocuments(), cloudbashDomain.events)
      .at('2026-11-22T10:00:00.000Z')
      .given('Cart#c1', cartOpened, new CartItemAdded('r1', 'k1', [3, 4], 9_000))
      .given('Cart#c1', new CartItemAdded('r2', 'k1', [7], 4_500), new CartItemAdded('r3', 'k1', [8], 4_500))
      .at('2026-11-22T10:15:00.000Z')
      .given('Cart#c1', new CartItemExpired('r2'), new CartItemPaid('r3', 'o3'))
      .expectDocuments({
        'Cart#c1': {
          cartId: 'c1',
          customerId: 'ann',
          lines: [
            { reservationId: 'r1', concertId: 'k1', seats: [3, 4], totalCents: 9_000, status: 'held' },
            { reservationId: 'r2', concertId: 'k1', seats: [7], totalCents: 4_500, status: 'expired' },
            {
              reservationId: 'r3',
              concertId: 'k1',
              seats: [8],
              totalCents: 4_500,
              status: 'paid',
              orderId: 'o3',
            },
          ],
          heldCents: 9_000,
          updatedAt: '2026-11-22T10:15:00.000Z',
        },
      });
  });
});

describe('seats per concert', () => {
  it('counts free, held and sold seats and names who has each taken seat', async () => {
    await forProjection(new ConcertSeats(), cloudbashDomain.events)
      .given('Concert#k1', scheduled, new SeatsReserved('r1', [3, 4]), new SeatsReserved('r2', [5]))
      .given('Concert#k1', new SeatsSold('r1', 'o1', [3, 4]), new SeatsReleased('r2', [5]))
      .given('Concert#k1', new SeatsReserved('r3', [5, 6]))
      .expectDocuments({
        'Concert#k1': {
          concertId: 'k1',
          name: 'Golden Earring',
          location: 'Ahoy, Rotterdam',
          date: '2026-12-31',
          priceCents: 4_500,
          capacity: 10,
          free: 6,
          held: 2,
          sold: 2,
          taken: {
            '3': { reservationId: 'r1', sold: true },
            '4': { reservationId: 'r1', sold: true },
            '5': { reservationId: 'r3', sold: false },
            '6': { reservationId: 'r3', sold: false },
          },
        },
      });
  });
});
