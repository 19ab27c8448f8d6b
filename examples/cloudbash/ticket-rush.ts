import { hasErrorCode } from '../../src/domain/errors';
import type { EventfoldTestApp } from '../../src/testing/test-app';
import { ConcertSeats } from './projections';

/** When a buyer pays: at once, only after the hold is up (racing the expiry), or never. */
export type PaysWhen = 'now' | 'late' | 'never';

/** A rush on a concert's last seats: how many seats, and per buyer the seat sets they try in turn and when they pay. */
export interface RushPlan {
  readonly concertId: string;
  readonly seats: number;
  readonly priceCents: number;
  readonly buyers: ReadonlyArray<{ readonly wants: readonly (readonly number[])[]; readonly pays: PaysWhen }>;
}

/** A reservation a buyer made, when its buyer pays, and its order once paid. */
export interface Bought {
  readonly cartId: string;
  readonly reservationId: string;
  readonly seats: readonly number[];
  readonly pays: PaysWhen;
  orderId?: string;
}

/** What the buyers did: their reservations (paid or not) and how often they were refused or had to retry. */
export interface RushFigures {
  readonly buyers: number;
  readonly reservations: Bought[];
  refusedTaken: number;
  /** Late payments refused because the reservation had expired first. */
  refusedExpired: number;
  conflicts: number;
}

const MAX_CLIENT_RETRIES = 20;

/** Runs a command as a client does: again (at once; the command bus already backed off) after a conflict. */
async function send(app: EventfoldTestApp, figures: RushFigures, name: string, input: object) {
  for (let retry = 0; ; retry++) {
    try {
      return await app.command(name, input);
    } catch (error) {
      if (!hasErrorCode(error, 'CONCURRENCY_CONFLICT') || retry >= MAX_CLIENT_RETRIES) throw error;
      figures.conflicts += 1;
    }
  }
}

function payment(plan: RushPlan, bought: Bought) {
  const { cartId, reservationId } = bought;
  const amountCents = bought.seats.length * plan.priceCents;
  const ids = { paymentId: `${reservationId}-p`, orderId: `${reservationId}-o` };
  return { reservationId, concertId: plan.concertId, cartId, ...ids, amountCents };
}

/** Pays a reservation; true when paid, false when refused (it expired first). */
async function pay(app: EventfoldTestApp, plan: RushPlan, bought: Bought, figures: RushFigures) {
  const input = payment(plan, bought);
  try {
    await send(app, figures, 'PayReservation', input);
  } catch (error) {
    if (!hasErrorCode(error, 'RULE_VIOLATION')) throw error;
    figures.refusedExpired += 1;
    return;
  }
  bought.orderId = input.orderId;
}

/** One buyer: opens a cart, tries its seat sets until one is free, and pays at once if it means to. */
async function buyer(app: EventfoldTestApp, plan: RushPlan, index: number, figures: RushFigures) {
  const cartId = `${plan.concertId}-b${index}-cart`;
  await send(app, figures, 'OpenCart', { cartId, customerId: `customer-${plan.concertId}-b${index}` });
  const { wants, pays } = plan.buyers[index]!;
  for (const [attempt, seats] of wants.entries()) {
    const reservationId = `${plan.concertId}-b${index}-r${attempt}`;
    try {
      await send(app, figures, 'ReserveSeats', { reservationId, concertId: plan.concertId, cartId, seats });
    } catch (error) {
      if (!hasErrorCode(error, 'RULE_VIOLATION')) throw error;
      figures.refusedTaken += 1;
      continue;
    }
    const bought: Bought = { cartId, reservationId, seats: [...seats].sort((a, b) => a - b), pays };
    figures.reservations.push(bought);
    if (pays === 'now') await pay(app, plan, bought, figures);
    return;
  }
}

/** Schedules the concert, then lets every buyer of the plan loose at once. */
export async function ticketRush(app: EventfoldTestApp, plan: RushPlan): Promise<RushFigures> {
  const figures: RushFigures = {
    buyers: plan.buyers.length,
    reservations: [],
    refusedTaken: 0,
    refusedExpired: 0,
    conflicts: 0,
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

/** The late buyers try to pay, all at once, while their holds expire: each one either pays or is refused. */
export async function payLate(app: EventfoldTestApp, plan: RushPlan, figures: RushFigures): Promise<void> {
  const late = figures.reservations.filter((bought) => bought.pays === 'late');
  await Promise.all(late.map((bought) => pay(app, plan, bought, figures)));
}

/** The seats of the paid reservations. */
export const soldSeats = (figures: RushFigures) =>
  figures.reservations.filter((r) => r.orderId).flatMap((r) => r.seats);

/**
 * What must hold after a rush, read from the seats view once settled: no seat was sold (or held) twice, every
 * paid order holds its seats, every unpaid reservation still holds its own (or, once `expired`, none are held),
 * and the counts add up.
 */
export async function expectSeatsAfterRush(
  app: EventfoldTestApp,
  plan: RushPlan,
  figures: RushFigures,
  options: { expired?: boolean } = {},
) {
  const all = figures.reservations.flatMap((r) => r.seats);
  if (new Set(all).size !== all.length) throw new Error(`a seat went to two reservations: ${all.join(',')}`);
  const view = await app.document(ConcertSeats, `Concert#${plan.concertId}`);
  const kept = options.expired ? figures.reservations.filter((r) => r.orderId) : figures.reservations;
  const expected = Object.fromEntries(
    kept.flatMap((r) =>
      r.seats.map((seat) => [
        String(seat),
        { reservationId: r.reservationId, sold: r.orderId !== undefined },
      ]),
    ),
  );
  const sold = soldSeats(figures).length;
  const held = options.expired ? 0 : all.length - sold;
  expect(view).toMatchObject({ sold, held, free: plan.seats - sold - held });
  expect(view?.taken).toEqual(expected);
}
