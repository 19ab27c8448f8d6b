import type { TestAppOptions } from '../../src/testing/in-memory-app';
import type { EventfoldTestApp } from '../../src/testing/test-app';
import { CartDocuments, ConcertSeats } from './projections';
import { samplePlan } from './rush-plans';
import { expectSeatsAfterRush, soldSeats, ticketRush } from './ticket-rush';

/** The figures of the last rush, by the label of the app it ran on (the e2e test prints them). */
export const rushFigures = new Map<string, Record<string, number>>();

/**
 * The Cloudbash shop end to end, written once against `EventfoldTestApp`: a user's test. Which app runs it is the
 * one line in the test file that calls this (`inMemoryApp` or `localApp`).
 */
export function cloudbashEndToEnd(
  start: (options: TestAppOptions) => Promise<EventfoldTestApp>,
  label: string,
) {
  let app: EventfoldTestApp | undefined;
  beforeAll(async () => {
    app = await start({});
  }, 120_000);
  afterAll(() => app?.stop(), 60_000);

  it('sells seats: reserved for a cart, paid, and the cart, the seats and the order agree', async () => {
    const a = app!;
    await a.command('ScheduleConcert', {
      concertId: 'gold',
      name: 'Golden Earring',
      location: 'Ahoy, Rotterdam',
      date: '2026-12-31',
      seats: 100,
      priceCents: 4_500,
    });
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

  it('lets 32 buyers race for the last seats: no seat sold twice, every paid order holds its seats', async () => {
    const a = app!;
    const plan = samplePlan('rush', 32, 24);
    const figures = await ticketRush(a, plan);
    await a.settled();
    await expectSeatsAfterRush(a, plan, figures);
    const sold = soldSeats(figures).length;
    const held = figures.reservations.flatMap((r) => r.seats).length - sold;
    rushFigures.set(label, {
      buyers: figures.buyers,
      reservations: figures.reservations.length,
      paid: figures.reservations.filter((r) => r.orderId).length,
      'refused (seats taken)': figures.refusedTaken,
      'client retries after conflicts': figures.conflicts,
      'seats sold': sold,
      'seats held unpaid': held,
    });
    expect(sold).toBeGreaterThan(0);
  }, 60_000);
}
