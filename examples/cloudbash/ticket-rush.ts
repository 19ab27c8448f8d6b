import { hasErrorCode } from '../../src/domain/errors';
import type { EventfoldTestApp } from '../../src/testing/test-app';
import { ConcertSeats } from './projections';

/** A rush on a concert's last seats: how many seats, and per buyer the seat sets they try in turn and whether they pay. */
export interface RushPlan {
  readonly concertId: string;
  readonly seats: number;
  readonly priceCents: number;
  readonly buyers: ReadonlyArray<{ readonly wants: readonly (readonly number[])[]; readonly pays: boolean }>;
}

/** A reservation a buyer made, and its order when paid. */
export interface Bought {
  readonly cartId: string;
  readonly reservationId: string;
  readonly seats: readonly number[];
  readonly orderId?: string;
}

/** What the buyers did: their reservations (paid or not) and how often they were refused or had to retry. */
export interface RushFigures {
  readonly buyers: number;
  readonly reservations: Bought[];
  refusedTaken: number;
  conflicts: number;
  attempts: number;
}

const MAX_CLIENT_RETRIES = 20;

/** Runs a command as a client does: again (at once; the command bus already backed off) after a conflict. */
async function send(
  app: EventfoldTestApp,
  figures: { conflicts: number; attempts: number },
  name: string,
  input: object,
) {
  for (let retry = 0; ; retry++) {
    figures.attempts += 1;
    try {
      return await app.command(name, input);
    } catch (error) {
      if (!hasErrorCode(error, 'CONCURRENCY_CONFLICT') || retry >= MAX_CLIENT_RETRIES) throw error;
      figures.conflicts += 1;
    }
  }
}

/** One buyer: opens a cart, tries its seat sets until one is free, and pays if it means to. */
async function buyer(app: EventfoldTestApp, plan: RushPlan, index: number, figures: RushFigures) {
  const id = `${plan.concertId}-b${index}`;
  const cartId = `${id}-cart`;
  await send(app, figures, 'OpenCart', { cartId, customerId: `customer-${id}` });
  const { wants, pays } = plan.buyers[index]!;
  for (const [attempt, seats] of wants.entries()) {
    const reservationId = `${id}-r${attempt}`;
    const common = { reservationId, concertId: plan.concertId, cartId };
    try {
      await send(app, figures, 'ReserveSeats', { ...common, seats });
    } catch (error) {
      if (!hasErrorCode(error, 'RULE_VIOLATION')) throw error;
      figures.refusedTaken += 1;
      continue;
    }
    const sorted = [...seats].sort((a, b) => a - b);
    if (!pays) {
      figures.reservations.push({ cartId, reservationId, seats: sorted });
      return;
    }
    const orderId = `${id}-o${attempt}`;
    const amountCents = seats.length * plan.priceCents;
    await send(app, figures, 'PayReservation', {
      ...common,
      paymentId: `${id}-p${attempt}`,
      orderId,
      amountCents,
    });
    figures.reservations.push({ cartId, reservationId, seats: sorted, orderId });
    return;
  }
}

/** Schedules the concert, then lets every buyer of the plan loose at once. */
export async function ticketRush(app: EventfoldTestApp, plan: RushPlan): Promise<RushFigures> {
  const figures: RushFigures = {
    buyers: plan.buyers.length,
    reservations: [],
    refusedTaken: 0,
    conflicts: 0,
    attempts: 0,
  };
  await app.command('ScheduleConcert', {
    concertId: plan.concertId,
    name: 'Last seats',
    location: 'Paradiso, Amsterdam',
    date: '2026-12-31',
    seats: plan.seats,
    priceCents: plan.priceCents,
  });
  await Promise.all(plan.buyers.map((_, index) => buyer(app, plan, index, figures)));
  return figures;
}

/** The seats of the paid reservations. */
export const soldSeats = (figures: RushFigures) =>
  figures.reservations.filter((r) => r.orderId).flatMap((r) => r.seats);

/**
 * What must hold after a rush, read from the seats view once settled: no seat was sold (or held) twice, every
 * paid order holds its seats, every unpaid reservation still holds its own (until it expires), and the counts add up.
 */
export async function expectSeatsAfterRush(app: EventfoldTestApp, plan: RushPlan, figures: RushFigures) {
  const all = figures.reservations.flatMap((r) => r.seats);
  if (new Set(all).size !== all.length) throw new Error(`a seat went to two reservations: ${all.join(',')}`);
  const view = await app.document(ConcertSeats, `Concert#${plan.concertId}`);
  const expected = Object.fromEntries(
    figures.reservations.flatMap((r) =>
      r.seats.map((seat) => [
        String(seat),
        { reservationId: r.reservationId, sold: r.orderId !== undefined },
      ]),
    ),
  );
  const sold = soldSeats(figures).length;
  expect(view).toMatchObject({ sold, held: all.length - sold, free: plan.seats - all.length });
  expect(view?.taken).toEqual(expected);
}
