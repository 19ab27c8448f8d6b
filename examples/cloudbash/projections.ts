import { type ApplyContext, DocumentProjection, On, Projection } from '../../src';
import { ConcertScheduled, SeatsReleased, SeatsReserved, SeatsSold } from './concert-events';
import { CartItemAdded, CartItemExpired, CartItemPaid, CartOpened } from './sale-events';

/** One line of a cart document. */
export interface CartLine {
  reservationId: string;
  concertId: string;
  seats: number[];
  totalCents: number;
  status: 'held' | 'expired' | 'paid';
  orderId?: string;
}

/** A shopping cart as the shop shows it: key-value data, kept in DynamoDB. */
export interface CartDocument {
  cartId: string;
  customerId: string;
  lines: CartLine[];
  /** What the seats still held cost, in cents. */
  heldCents: number;
  updatedAt: string;
}

const heldCents = (lines: readonly CartLine[]) =>
  lines.filter((line) => line.status === 'held').reduce((sum, line) => sum + line.totalCents, 0);

function settle(
  view: CartDocument | undefined,
  reservationId: string,
  change: Partial<CartLine>,
  at: string,
) {
  if (!view) return view;
  const lines = view.lines.map((line) =>
    line.reservationId === reservationId ? { ...line, ...change } : line,
  );
  return { ...view, lines, heldCents: heldCents(lines), updatedAt: at };
}

/** The carts: one document per cart with its lines (held, expired or paid). Rebuildable. */
@Projection('cloudbash-carts', { rebuildable: true })
export class CartDocuments extends DocumentProjection<CartDocument> {
  @On(CartOpened)
  opened(_: CartDocument | undefined, e: CartOpened, ctx: ApplyContext): CartDocument {
    return {
      cartId: e.cartId,
      customerId: e.customerId,
      lines: [],
      heldCents: 0,
      updatedAt: ctx.stored.committedAt,
    };
  }

  @On(CartItemAdded)
  added(view: CartDocument | undefined, e: CartItemAdded, ctx: ApplyContext) {
    if (!view) return view;
    const { reservationId, concertId, totalCents } = e;
    const lines = [
      ...view.lines,
      { reservationId, concertId, seats: [...e.seats], totalCents, status: 'held' as const },
    ];
    return { ...view, lines, heldCents: heldCents(lines), updatedAt: ctx.stored.committedAt };
  }

  @On(CartItemExpired)
  expired(view: CartDocument | undefined, e: CartItemExpired, ctx: ApplyContext) {
    return settle(view, e.reservationId, { status: 'expired' }, ctx.stored.committedAt);
  }

  @On(CartItemPaid)
  paid(view: CartDocument | undefined, e: CartItemPaid, ctx: ApplyContext) {
    return settle(view, e.reservationId, { status: 'paid', orderId: e.orderId }, ctx.stored.committedAt);
  }
}

/** A concert's seats as the shop shows them: counts, and who holds or bought each seat that is not free. */
export interface ConcertSeatsView {
  concertId: string;
  name: string;
  location: string;
  date: string;
  priceCents: number;
  capacity: number;
  free: number;
  held: number;
  sold: number;
  /** Seats that are not free, by number. */
  taken: Record<string, { reservationId: string; sold: boolean }>;
}

function withSeats(view: ConcertSeatsView, taken: ConcertSeatsView['taken']): ConcertSeatsView {
  const sold = Object.values(taken).filter((seat) => seat.sold).length;
  const held = Object.keys(taken).length - sold;
  return { ...view, taken, held, sold, free: view.capacity - held - sold };
}

/** Seats per concert: free, held and sold, from the concert's own stream (where every seat change is). */
@Projection('cloudbash-concert-seats', { rebuildable: true })
export class ConcertSeats extends DocumentProjection<ConcertSeatsView> {
  @On(ConcertScheduled)
  scheduled(_: ConcertSeatsView | undefined, e: ConcertScheduled): ConcertSeatsView {
    const { concertId, name, location, date, priceCents } = e;
    const view = { concertId, name, location, date, priceCents, capacity: e.seats };
    return withSeats({ ...view, free: 0, held: 0, sold: 0, taken: {} }, {});
  }

  @On(SeatsReserved)
  reserved(view: ConcertSeatsView | undefined, e: SeatsReserved) {
    return view && withSeats(view, { ...view.taken, ...seatsOf(e.seats, e.reservationId, false) });
  }

  @On(SeatsSold)
  sold(view: ConcertSeatsView | undefined, e: SeatsSold) {
    return view && withSeats(view, { ...view.taken, ...seatsOf(e.seats, e.reservationId, true) });
  }

  @On(SeatsReleased)
  released(view: ConcertSeatsView | undefined, e: SeatsReleased) {
    if (!view) return view;
    const taken = { ...view.taken };
    for (const seat of e.seats) delete taken[seat];
    return withSeats(view, taken);
  }
}

function seatsOf(seats: readonly number[], reservationId: string, sold: boolean): ConcertSeatsView['taken'] {
  return Object.fromEntries(seats.map((seat) => [String(seat), { reservationId, sold }]));
}
