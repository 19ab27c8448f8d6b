import type { Duration } from '../../domain/duration';

/** When a timer is due: at a time, or after a duration from the time of the input being handled. */
export type TimerWhen = { readonly at: Date | string } | { readonly after: Duration };

/**
 * What a process manager's handler may decide besides its next state. It does no I/O: the runner records the
 * decisions in the process stream, then dispatches the commands (ids derived from the input, so never twice in
 * effect) and schedules or cancels the timers.
 */
export interface ProcessContext {
  /** The process manager's name. */
  readonly process: string;
  /** The instance's correlation key. */
  readonly processId: string;
  /** The time of the input: the source event's commit time, the timer's due time, or when an outcome came back. */
  readonly now: Date;
  /** Dispatches a command (an instance of a registered command class) through the command bus. */
  dispatch(command: object): void;
  /** Schedules the timer `name` (its `@OnTimer` handler runs when due); scheduling a pending name again replaces it. */
  schedule(name: string, when: TimerWhen, payload?: Record<string, unknown>): void;
  /** Cancels the pending timer `name`; a cancelled timer never fires. Nothing when none is pending. */
  cancel(name: string): void;
  /** Ends the instance: its pending timers are cancelled and later events for it are ignored. */
  complete(): void;
}

/** A timer that came due, as an `@OnTimer` handler receives it. */
export interface FiredTimer {
  readonly name: string;
  readonly timerId: string;
  readonly dueAt: string;
  readonly payload?: Record<string, unknown>;
}

/** The error a refused command came back with: its stable code, message and context. */
export interface RejectionReason {
  readonly code: string;
  readonly message: string;
  readonly context: Readonly<Record<string, unknown>>;
}

/** A command the process dispatched that was refused, as an `@OnOutcome` handler receives it. */
export interface CommandRejected<C extends object = object> {
  /** The command as dispatched (an instance of its class). */
  readonly command: C;
  readonly commandName: string;
  readonly commandId: string;
  readonly error: RejectionReason;
}

/**
 * Base class of every process manager: it reacts to events (and its timers, and its refused commands) by deciding
 * commands and timers. Its state is a plain JSON value, event-sourced in its own stream: a handler gets the state
 * and the input and returns the next state (or changes the copy it was given and returns nothing).
 * @example
 * @ProcessManager('reservation-expiry')
 * class ReservationExpiry extends Process<{ seats: string[] }> {
 *   initialState() { return { seats: [] }; }
 *   @StartedBy(SeatsReserved, (e) => e.reservationId)
 *   reserved(state: { seats: string[] }, e: SeatsReserved, ctx: ProcessContext) {
 *     ctx.schedule('expire', { after: '15m' });
 *     return { seats: e.seats };
 *   }
 *   @OnTimer('expire')
 *   expire(state: { seats: string[] }, timer: FiredTimer, ctx: ProcessContext) {
 *     ctx.dispatch(new ReleaseSeats(ctx.processId, state.seats));
 *     ctx.complete();
 *   }
 * }
 */
export abstract class Process<S = Record<string, unknown>> {
  /** The state of an instance before its first event. */
  abstract initialState(): S;
}

/** Any process manager instance. */
export type AnyProcess = Process<any>;

/** A process manager class, built by the container with its injected dependencies. */
export type ProcessClass<P extends AnyProcess = AnyProcess> = new (...args: any[]) => P;

/** A process manager as an app lists it: an instance, or a class the container builds. */
export type ProcessEntry = AnyProcess | ProcessClass;
