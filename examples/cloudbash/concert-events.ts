import { ArrayMaxSize, ArrayMinSize, IsISO8601, IsInt, IsString, Length, Min } from 'class-validator';
import { DomainEvent } from '../../src';

// The rules on each event's fields check what a raw publish (`POST /events`) hands over.

/** A concert was put on sale: where and when, how many seats (numbered from 1) and the price of one. */
@DomainEvent('ConcertScheduled', 1)
export class ConcertScheduled {
  @IsString() readonly concertId: string;
  @IsString() @Length(1, 200) readonly name: string;
  @IsString() @Length(1, 200) readonly location: string;
  @IsISO8601({ strict: true }) readonly date: string;
  @IsInt() @Min(1) readonly seats: number;
  @IsInt() @Min(0) readonly priceCents: number;

  constructor(
    concertId: string,
    name: string,
    location: string,
    date: string,
    seats: number,
    priceCents: number,
  ) {
    this.concertId = concertId;
    this.name = name;
    this.location = location;
    this.date = date;
    this.seats = seats;
    this.priceCents = priceCents;
  }
}

/** Seats were taken for a reservation; nobody else can take them until they are released. */
@DomainEvent('SeatsReserved', 1)
export class SeatsReserved {
  @IsString() readonly reservationId: string;
  @IsInt({ each: true }) @Min(1, { each: true }) @ArrayMinSize(1) @ArrayMaxSize(100) readonly seats: number[];

  constructor(reservationId: string, seats: number[]) {
    this.reservationId = reservationId;
    this.seats = seats;
  }
}

/** The seats of an unpaid reservation were freed when it expired. */
@DomainEvent('SeatsReleased', 1)
export class SeatsReleased {
  @IsString() readonly reservationId: string;
  @IsInt({ each: true }) @Min(1, { each: true }) @ArrayMinSize(1) @ArrayMaxSize(100) readonly seats: number[];

  constructor(reservationId: string, seats: number[]) {
    this.reservationId = reservationId;
    this.seats = seats;
  }
}

/** The seats of a paid reservation were sold to its order; they are never freed again. */
@DomainEvent('SeatsSold', 1)
export class SeatsSold {
  @IsString() readonly reservationId: string;
  @IsString() readonly orderId: string;
  @IsInt({ each: true }) @Min(1, { each: true }) @ArrayMinSize(1) @ArrayMaxSize(100) readonly seats: number[];

  constructor(reservationId: string, orderId: string, seats: number[]) {
    this.reservationId = reservationId;
    this.orderId = orderId;
    this.seats = seats;
  }
}
