import type { Duration } from '../../src/domain/duration';
import { hasErrorCode } from '../../src/domain/errors';
import { waitFor } from '../../src/infrastructure/local/free-port';
import type { TestAppOptions } from '../../src/testing/in-memory-app';
import type { EventfoldTestApp } from '../../src/testing/test-app';
import { CartDocuments, ConcertSeats } from './projections';
import { samplePlan } from './rush-plans';
import { expectSeatsAfterRush, payLate, soldSeats, ticketRush } from './ticket-rush';

/** A test app whose clock the test moves: due process timers fire. */
export interface CloudbashTestApp extends EventfoldTestApp {
  advance(by: Duration): Promise<void>;
}

/** The figures of the last rush, by the label of the app it ran on (the e2e test prints them). */
export const rushFigures = new Map<string, Record<string, number>>();

/** What a timer's consequences reach the read models through is not a command of the test: poll, with a deadline. */
const eventually = (check: () => Promise<boolean>, what: string) => waitFor(check, what, 30_000);

const concert = (concertId: string, seats: number) => ({
  concertId,
  name: 'Golden Earring',
  location: 'Ahoy, Rotterdam',
  date: '2026-12-31',
  seats,
  priceCents: 4_500,
});

/**
 * The Cloudbash shop end to end, written once against `CloudbashTestApp`: a user's test. Which app runs it is the
 * one line in the test file that calls this (`inMemoryApp`, or `localApp` with its clock).
 */
export function cloudbashEndToEnd(
  start: (options: TestAppOptions) => Promise<CloudbashTestApp>,
  label: string,
) {
  let app: CloudbashTestApp | undefined;
  beforeAll(async () => {
    app = await start({});
  }, 120_000);
  afterAll(() => app?.stop(), 60_000);

  it('sells seats: reserved for a cart, paid, and the cart, the seats and the order agree', async () => {
    const a = app!;
    await a.command('ScheduleConcert', concert('gold', 100));
    await a.command('OpenCart', { cartId: 'ann-1', customerId: 'ann' });
    const ids = { reservationId: 'ann-r1', concertId: 'gold', cartId: 'ann-1' };
    await a.command('ReserveSeats', { ...ids, seats: [12, 11] });
    const paid = await a.command('PayReservation', {
      ...ids,
      paymentId: 'ann-p1',
      orderId: 'ann-o1',
      amountCents: 9_000,
    });
    expect(paid.events.map((e) => e.type).sort()).toEqual(
      ['CartItemPaid', 'PaymentCaptured', 'ReservationPaid', 'SeatsSold', 'TicketOrderPlaced'].sort(),
    );
    await a.settled();
    expect(await a.document(CartDocuments, 'Cart#ann-1')).toMatchObject({
      heldCents: 0,
      lines: [{ reservationId: 'ann-r1', seats: [11, 12], status: 'paid', orderId: 'ann-o1' }],
    });
    expect(await a.document(ConcertSeats, 'Concert#gold')).toMatchObject({ free: 98, held: 0, sold: 2 });
  }, 60_000);

  it('frees the seats of an unpaid reservation when its timer fires, and no sooner', async () => {
    const a = app!;
    await a.command('ScheduleConcert', concert('late', 4));
    await a.command('OpenCart', { cartId: 'bob-1', customerId: 'bob' });
    const ids = { reservationId: 'bob-r1', concertId: 'late', cartId: 'bob-1' };
    await a.command('ReserveSeats', { ...ids, seats: [1, 2] });
    await a.advance('14m');
    await a.settled();
    expect(await a.document(ConcertSeats, 'Concert#late')).toMatchObject({ held: 2, free: 2 });
    await a.advance('1m');
    const seats = () => a.document(ConcertSeats, 'Concert#late');
    await eventually(async () => (await seats())?.free === 4, 'the seats of bob-r1 to be freed');
    expect(await seats()).toMatchObject({ held: 0, sold: 0, taken: {} });
    await eventually(
      async () => (await a.document(CartDocuments, 'Cart#bob-1'))?.lines[0]?.status === 'expired',
      'the cart line of bob-r1 to show expired',
    );
    const late = { ...ids, paymentId: 'bob-p1', orderId: 'bob-o1', amountCents: 9_000 };
    const refused = await a.command('PayReservation', late).catch((e: unknown) => e);
    expect(hasErrorCode(refused, 'RULE_VIOLATION')).toBe(true);
    await a.command('OpenCart', { cartId: 'cy-1', customerId: 'cy' });
    await a.command('ReserveSeats', {
      reservationId: 'cy-r1',
      concertId: 'late',
      cartId: 'cy-1',
      seats: [1, 2],
    });
  }, 60_000);

  it('lets 32 buyers race for the last seats: no seat sold twice, every paid order holds its seats', async () => {
    const a = app!;
    const plan = samplePlan('rush', 32, 24);
    const figures = await ticketRush(a, plan);
    await a.settled();
    await expectSeatsAfterRush(a, plan, figures);
    const reserved = figures.reservations.flatMap((r) => r.seats).length;
    const paidAtOnce = figures.reservations.filter((r) => r.orderId).length;
    // The late buyers pay while the clock moves past their hold: each payment either wins or finds it expired.
    await Promise.all([a.advance('15m'), payLate(a, plan, figures)]);
    const sold = soldSeats(figures).length;
    const view = () => a.document(ConcertSeats, 'Concert#rush');
    await eventually(async () => (await view())?.held === 0, 'the unpaid rush reservations to expire');
    await expectSeatsAfterRush(a, plan, figures, { expired: true });
    const paid = figures.reservations.filter((r) => r.orderId).length;
    rushFigures.set(label, {
      buyers: figures.buyers,
      reservations: figures.reservations.length,
      'paid at once': paidAtOnce,
      'paid late, before expiry': paid - paidAtOnce,
      'late, refused as expired': figures.refusedExpired,
      expired: figures.reservations.length - paid,
      'refused (seats taken)': figures.refusedTaken,
      'client retries after conflicts': figures.conflicts,
      'seats reserved': reserved,
      'seats sold': sold,
      'seats freed by expiry': reserved - sold,
      'seats free at the end': (await view())?.free ?? -1,
    });
    expect(sold).toBeGreaterThan(0);
    expect(reserved - sold).toBeGreaterThan(0);
  }, 60_000);
}
