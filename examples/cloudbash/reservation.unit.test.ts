import { forAggregate } from '../../src/testing';
import {
  Cart,
  CartItemAdded,
  CartItemExpired,
  CartItemPaid,
  Concert,
  Payment,
  PaymentCaptured,
  Reservation,
  ReservationExpired,
  ReservationPaid,
  SeatsHeld,
  SeatsReleased,
  SeatsReserved,
  SeatsSold,
  TicketOrder,
  TicketOrderPlaced,
} from '.';
import { cartOpened, commands, scheduled } from './fixtures';

const held = new SeatsHeld('r1', 'k1', 'c1', [3, 4], 9_000);
const concertWithR1 = [scheduled, new SeatsReserved('r1', [3, 4])];
const cartWithR1 = [cartOpened, new CartItemAdded('r1', 'k1', [3, 4], 9_000)];
const reservationSpec = () =>
  forAggregate(Reservation)
    .given(held)
    .givenRelated(Concert, 'k1', ...concertWithR1)
    .givenRelated(Cart, 'c1', ...cartWithR1);

describe('Reservation: reserving seats', () => {
  it('takes free seats on the concert, holds them and puts them in the cart, in one commit', () => {
    forAggregate(Reservation)
      .given()
      .givenRelated(Concert, 'k1', scheduled)
      .givenRelated(Cart, 'c1', cartOpened)
      .when(commands.reserve([4, 3]))
      .then(held)
      .thenRelated(Concert, 'k1', new SeatsReserved('r1', [3, 4]))
      .thenRelated(Cart, 'c1', new CartItemAdded('r1', 'k1', [3, 4], 9_000));
  });

  it('refuses seats another reservation holds or bought, naming them', () => {
    forAggregate(Reservation)
      .given()
      .givenRelated(Concert, 'k1', scheduled, new SeatsReserved('r0', [4]), new SeatsSold('r9', 'o9', [5]))
      .givenRelated(Cart, 'c1', cartOpened)
      .when(commands.reserve([3, 4, 5]))
      .thenThrows('RULE_VIOLATION', { concertId: 'k1', seats: [4, 5] });
  });

  it('lets a seat be reserved again once it was released', () => {
    forAggregate(Reservation)
      .given()
      .givenRelated(Concert, 'k1', scheduled, new SeatsReserved('r0', [4]), new SeatsReleased('r0', [4]))
      .givenRelated(Cart, 'c1', cartOpened)
      .when(commands.reserve([4]))
      .thenRelated(Concert, 'k1', new SeatsReserved('r1', [4]));
  });

  it('refuses a seat the hall does not have, a missing concert and a missing cart', () => {
    const spec = () => forAggregate(Reservation).given().givenRelated(Cart, 'c1', cartOpened);
    spec()
      .givenRelated(Concert, 'k1', scheduled)
      .when(commands.reserve([10, 11]))
      .thenThrows('RULE_VIOLATION', { seats: [11], capacity: 10 });
    spec()
      .when(commands.reserve([1]))
      .thenThrows('NOT_FOUND', { kind: 'Concert', id: 'k1' });
    forAggregate(Reservation)
      .given()
      .givenRelated(Concert, 'k1', scheduled)
      .when(commands.reserve([1]))
      .thenThrows('NOT_FOUND', { kind: 'Cart', id: 'c1' });
  });

  it('refuses to reuse a reservation id', () => {
    reservationSpec()
      .when(commands.reserve([7]))
      .thenThrows('RULE_VIOLATION', { streamId: 'Reservation#r1' });
  });

  it('refuses no seats, a seat twice or more than ten seats in one reservation', () => {
    expect(() => commands.reserve([])).toThrow(/seats must contain at least 1 elements/);
    expect(() => commands.reserve([2, 2])).toThrow(/seats's elements must be unique/);
    expect(() => commands.reserve([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toThrow(/no more than 10/);
  });
});

describe('Reservation: expiry', () => {
  it('frees the seats of a held reservation and marks its cart line expired', () => {
    reservationSpec()
      .when(commands.expire())
      .then(new ReservationExpired('r1'))
      .thenRelated(Concert, 'k1', new SeatsReleased('r1', [3, 4]))
      .thenRelated(Cart, 'c1', new CartItemExpired('r1'));
  });

  it('records nothing for a paid or an already expired reservation, so a late or repeated timer is harmless', () => {
    for (const outcome of [new ReservationPaid('r1', 'p1', 'o1'), new ReservationExpired('r1')]) {
      forAggregate(Reservation)
        .given(held, outcome)
        .givenRelated(Concert, 'k1', ...concertWithR1)
        .givenRelated(Cart, 'c1', ...cartWithR1)
        .when(commands.expire())
        .then()
        .thenRelated(Concert, 'k1');
    }
  });

  it('refuses an expiry naming another cart', () => {
    reservationSpec().when(commands.expire('r1', 'c2')).thenThrows('RULE_VIOLATION', { cartId: 'c1' });
  });
});

describe('Reservation: payment (with Payment and TicketOrder)', () => {
  it('captures the payment, sells the seats, places the order and settles the cart line, in one commit', () => {
    reservationSpec()
      .when(commands.pay(9_000))
      .then(new ReservationPaid('r1', 'p1', 'o1'))
      .thenRelated(Concert, 'k1', new SeatsSold('r1', 'o1', [3, 4]))
      .thenRelated(Payment, 'p1', new PaymentCaptured('p1', 'r1', 'o1', 9_000))
      .thenRelated(
        TicketOrder,
        'o1',
        new TicketOrderPlaced({
          orderId: 'o1',
          customerId: 'ann',
          concertId: 'k1',
          reservationId: 'r1',
          paymentId: 'p1',
          seats: [3, 4],
          totalCents: 9_000,
        }),
      )
      .thenRelated(Cart, 'c1', new CartItemPaid('r1', 'o1'));
  });

  it('refuses to pay an expired or a paid reservation', () => {
    for (const [outcome, status] of [
      [new ReservationExpired('r1'), 'expired'],
      [new ReservationPaid('r1', 'p0', 'o0'), 'paid'],
    ] as const) {
      forAggregate(Reservation)
        .given(held, outcome)
        .when(commands.pay(9_000))
        .thenThrows('RULE_VIOLATION', { status });
    }
  });

  it('refuses an amount other than the total, a missing reservation, and a used payment or order id', () => {
    reservationSpec()
      .when(commands.pay(8_999))
      .thenThrows('RULE_VIOLATION', { totalCents: 9_000, amountCents: 8_999 });
    forAggregate(Reservation)
      .given()
      .when(commands.pay(9_000))
      .thenThrows('NOT_FOUND', { kind: 'Reservation' });
    reservationSpec()
      .givenRelated(Payment, 'p1', new PaymentCaptured('p1', 'r0', 'o0', 1))
      .when(commands.pay(9_000))
      .thenThrows('RULE_VIOLATION', { paymentId: 'p1' });
    reservationSpec()
      .givenRelated(
        TicketOrder,
        'o1',
        new TicketOrderPlaced({
          orderId: 'o1',
          customerId: 'bob',
          concertId: 'k1',
          reservationId: 'r0',
          paymentId: 'p0',
          seats: [1],
          totalCents: 4_500,
        }),
      )
      .when(commands.pay(9_000))
      .thenThrows('RULE_VIOLATION', { orderId: 'o1' });
  });

  it('refuses to sell seats the concert does not hold for the reservation (a second line of defence)', () => {
    forAggregate(Reservation)
      .given(held)
      .givenRelated(Concert, 'k1', scheduled, new SeatsReserved('r1', [3]))
      .givenRelated(Cart, 'c1', ...cartWithR1)
      .when(commands.pay(9_000))
      .thenThrows('RULE_VIOLATION', { reservationId: 'r1', seats: [4] });
  });
});
