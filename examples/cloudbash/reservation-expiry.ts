import { inject, injectable } from 'inversify';
import {
  type CommandRejected,
  type FiredTimer,
  OnEvent,
  OnOutcome,
  OnTimer,
  Process,
  type ProcessContext,
  ProcessManager,
  StartedBy,
  validateCommand,
} from '../../src';
import { ExpireReservation } from './reservation-commands';
import { ReservationExpired, ReservationPaid, SeatsHeld } from './sale-events';
import { ReservationHold } from './settings';

/** What the process keeps of a reservation: where its seats are, and why its expiry was refused, if it was. */
export interface HeldReservation {
  concertId: string;
  cartId: string;
  refused?: string;
}

/**
 * Frees the seats of a reservation that is not paid in time: started when seats are held, it schedules an
 * `expire` timer (`ReservationHold`, 15 minutes by default), cancels it when the reservation is paid, and when the
 * timer fires sends `ExpireReservation`. That command is decided by the reservation against its own stream, so a
 * payment that lands first wins and the expiry records nothing; the process does not have to guess.
 */
@injectable()
@ProcessManager('reservation-expiry')
export class ReservationExpiry extends Process<HeldReservation> {
  constructor(@inject(ReservationHold) private readonly hold: ReservationHold) {
    super();
  }

  initialState(): HeldReservation {
    return { concertId: '', cartId: '' };
  }

  @StartedBy(SeatsHeld, (e: SeatsHeld) => e.reservationId)
  held(_: HeldReservation, e: SeatsHeld, ctx: ProcessContext): HeldReservation {
    ctx.schedule('expire', { after: this.hold.holdFor });
    return { concertId: e.concertId, cartId: e.cartId };
  }

  @OnEvent(ReservationPaid, (e: ReservationPaid) => e.reservationId)
  paid(_: HeldReservation, _e: ReservationPaid, ctx: ProcessContext): void {
    ctx.cancel('expire');
    ctx.complete();
  }

  @OnTimer('expire')
  expire(state: HeldReservation, _timer: FiredTimer, ctx: ProcessContext): void {
    const { concertId, cartId } = state;
    ctx.dispatch(validateCommand(ExpireReservation, { reservationId: ctx.processId, concertId, cartId }));
  }

  @OnEvent(ReservationExpired, (e: ReservationExpired) => e.reservationId)
  expired(_: HeldReservation, _e: ReservationExpired, ctx: ProcessContext): void {
    ctx.complete();
  }

  @OnOutcome(ExpireReservation)
  notExpired(state: HeldReservation, outcome: CommandRejected<ExpireReservation>, ctx: ProcessContext) {
    ctx.complete();
    return { ...state, refused: outcome.error.message };
  }
}
