import { validateCommand } from '../../src';
import { processSpec } from '../../src/testing';
import {
  ExpireReservation,
  ReservationExpired,
  ReservationExpiry,
  ReservationHold,
  ReservationPaid,
  SeatsHeld,
  cloudbashDomain,
} from '.';

const held = new SeatsHeld('r1', 'k1', 'c1', [3, 4], 9_000);
const expire = validateCommand(ExpireReservation, { reservationId: 'r1', concertId: 'k1', cartId: 'c1' });
const spec = (holdFor: string | number = '15m') =>
  processSpec(new ReservationExpiry(new ReservationHold(holdFor)), { domain: cloudbashDomain });

describe('ReservationExpiry (process manager)', () => {
  it('schedules the expiry when seats are held, 15 minutes by default', async () => {
    await spec()
      .when(held)
      .then({
        commands: [],
        timers: [{ name: 'expire', after: '15m' }],
        state: { concertId: 'k1', cartId: 'c1' },
      });
  });

  it('holds seats as long as the app is configured to', async () => {
    await spec('2m')
      .when(held)
      .then({ timers: [{ name: 'expire', after: '2m' }] });
    await spec('2m')
      .given(held)
      .advance('2m')
      .then({ commands: [expire] });
  });

  it('sends ExpireReservation once when the reservation is not paid in time', async () => {
    await spec()
      .given(held)
      .advance('15m')
      .then({ commands: [expire] });
  });

  it('sends nothing before the time is up', async () => {
    await spec().given(held).advance('14m59s').then({ commands: [], completed: false });
  });

  it('cancels the expiry and completes when the reservation is paid; the timer never fires', async () => {
    await spec()
      .given(held)
      .when(new ReservationPaid('r1', 'p1', 'o1'))
      .then({ commands: [], cancelled: ['expire'], completed: true });
    await spec()
      .given(held, new ReservationPaid('r1', 'p1', 'o1'))
      .advance('1h')
      .then({ commands: [] });
  });

  it('completes once the reservation expired', async () => {
    await spec()
      .given(held)
      .givenTimePassed('15m')
      .when(new ReservationExpired('r1'))
      .then({ completed: true });
  });

  it('takes a refused expiry back as an outcome and completes', async () => {
    await spec()
      .given(held)
      .refusing(ExpireReservation, 'the reservation is for another concert or cart')
      .advance('15m')
      .then({
        completed: true,
        state: { concertId: 'k1', cartId: 'c1', refused: 'the reservation is for another concert or cart' },
      });
  });
});
