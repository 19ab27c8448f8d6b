import { IsISO8601, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import {
  Aggregate,
  AggregateId,
  AggregateRoot,
  Apply,
  Command,
  CommandHandler,
  NotFoundError,
  RuleViolation,
} from '../../src';
import { ConcertScheduled, SeatsReleased, SeatsReserved, SeatsSold } from './concert-events';
import { ID, MAX_PRICE_CENTS, MAX_SEATS } from './limits';

/** Puts a concert on sale with its seats, numbered from 1, and the price of one seat. */
@Command('ScheduleConcert')
export class ScheduleConcert {
  @AggregateId() @IsString() @Matches(ID) concertId!: string;
  @IsString() @Length(1, 200) name!: string;
  @IsString() @Length(1, 200) location!: string;
  @IsISO8601({ strict: true }) date!: string;
  @IsInt() @Min(1) @Max(MAX_SEATS) seats!: number;
  @IsInt() @Min(0) @Max(MAX_PRICE_CENTS) priceCents!: number;
}

/** Who has a seat that is not free: the reservation holding it, and whether it is sold. */
export interface TakenSeat {
  readonly reservationId: string;
  readonly sold: boolean;
}

/**
 * A concert and its seat map: the one place that decides who gets a seat. Reserving, releasing and selling seats
 * are decisions of this aggregate (called by the reservation's command handlers in the same atomic commit), so
 * every change to a seat is a new version of this one stream and two buyers of one seat cannot both win.
 */
@AggregateRoot('Concert', { snapshotEvery: 100 })
export class Concert extends Aggregate {
  name = '';
  location = '';
  date = '';
  capacity = 0;
  priceCents = 0;
  /** Seats that are not free, by seat number; a free seat has no entry. */
  taken: Record<string, TakenSeat> = {};

  @CommandHandler(ScheduleConcert, { creates: true })
  schedule(cmd: ScheduleConcert): void {
    this.apply(
      new ConcertScheduled(cmd.concertId, cmd.name, cmd.location, cmd.date, cmd.seats, cmd.priceCents),
    );
  }

  /** Takes free seats for a reservation and returns what they cost; refuses seats that are taken or absent. */
  reserve(reservationId: string, seats: readonly number[]): number {
    if (this.version === 0) throw new NotFoundError('Concert', this.id);
    const missing = seats.filter((seat) => seat > this.capacity);
    if (missing.length > 0) {
      throw new RuleViolation('no such seats', {
        concertId: this.id,
        seats: missing,
        capacity: this.capacity,
      });
    }
    const taken = seats.filter((seat) => this.taken[seat] !== undefined);
    if (taken.length > 0) throw new RuleViolation('seats are taken', { concertId: this.id, seats: taken });
    this.apply(new SeatsReserved(reservationId, [...seats]));
    return seats.length * this.priceCents;
  }

  /** Frees the seats a reservation holds; seats sold or held by another reservation stay as they are. */
  release(reservationId: string, seats: readonly number[]): void {
    const held = seats.filter((seat) => this.isHeldBy(seat, reservationId));
    if (held.length > 0) this.apply(new SeatsReleased(reservationId, held));
  }

  /** Sells the seats a reservation holds to its order; refuses when any of them is not held by it. */
  sell(reservationId: string, orderId: string, seats: readonly number[]): void {
    const notHeld = seats.filter((seat) => !this.isHeldBy(seat, reservationId));
    if (notHeld.length > 0) {
      throw new RuleViolation('seats are not held by this reservation', {
        concertId: this.id,
        reservationId,
        seats: notHeld,
      });
    }
    this.apply(new SeatsSold(reservationId, orderId, [...seats]));
  }

  /** How many seats are free. */
  get freeSeats(): number {
    return this.capacity - Object.keys(this.taken).length;
  }

  private isHeldBy(seat: number, reservationId: string): boolean {
    const taken = this.taken[seat];
    return taken !== undefined && !taken.sold && taken.reservationId === reservationId;
  }

  @Apply(ConcertScheduled)
  onScheduled(e: ConcertScheduled): void {
    this.name = e.name;
    this.location = e.location;
    this.date = e.date;
    this.capacity = e.seats;
    this.priceCents = e.priceCents;
  }

  @Apply(SeatsReserved)
  onReserved(e: SeatsReserved): void {
    for (const seat of e.seats) this.taken[seat] = { reservationId: e.reservationId, sold: false };
  }

  @Apply(SeatsReleased)
  onReleased(e: SeatsReleased): void {
    for (const seat of e.seats) delete this.taken[seat];
  }

  @Apply(SeatsSold)
  onSold(e: SeatsSold): void {
    for (const seat of e.seats) this.taken[seat] = { reservationId: e.reservationId, sold: true };
  }
}
