import { Expose } from 'class-transformer';
import { ArrayMinSize, IsInt, IsString } from 'class-validator';
import {
  Aggregate,
  AggregateId,
  AggregateRoot,
  Apply,
  Command,
  CommandHandler,
  type CommandRejected,
  defineDomain,
  DomainEvent,
  type FiredTimer,
  OnEvent,
  OnOutcome,
  OnTimer,
  Process,
  type ProcessContext,
  ProcessManager,
  RuleViolation,
  StartedBy,
} from '../../../src';

/*
 * The process manager tests' domain: seat holds that expire unless paid (the unit tests), and a ledger charged a
 * fee for each hold placed (the fault test). A charge is NOT idempotent (every ChargeFee appends), so a command
 * dispatched twice would show as two charges.
 */

@DomainEvent('HoldPlaced')
export class HoldPlaced {
  @Expose() holdId!: string;
  @Expose() seats!: string[];
  constructor(holdId: string, seats: string[]) {
    this.holdId = holdId;
    this.seats = seats;
  }
}

@DomainEvent('HoldPaid')
export class HoldPaid {
  @Expose() holdId!: string;
  constructor(holdId: string) {
    this.holdId = holdId;
  }
}

@DomainEvent('HoldExpired')
export class HoldExpired {
  @Expose() holdId!: string;
  constructor(holdId: string) {
    this.holdId = holdId;
  }
}

@DomainEvent('HoldNoted')
export class HoldNoted {
  @Expose() holdId!: string;
}

@Command('NoteHold')
export class NoteHold {
  @AggregateId() @IsString() holdId!: string;
}

@Command('PlaceHold')
export class PlaceHold {
  @AggregateId() @IsString() holdId!: string;
  @IsString({ each: true }) @ArrayMinSize(1) seats!: string[];
}

@Command('PayHold')
export class PayHold {
  @AggregateId() @IsString() holdId!: string;
}

@Command('ExpireHold')
export class ExpireHold {
  @AggregateId() @IsString() holdId!: string;
  constructor(holdId: string) {
    this.holdId = holdId;
  }
}

@AggregateRoot('Hold')
export class Hold extends Aggregate {
  status: 'none' | 'held' | 'paid' | 'expired' = 'none';

  @CommandHandler(PlaceHold, { creates: true })
  place(cmd: PlaceHold) {
    this.apply(new HoldPlaced(cmd.holdId, cmd.seats));
  }

  @CommandHandler(PayHold)
  pay(cmd: PayHold) {
    if (this.status !== 'held') throw new RuleViolation(`hold is ${this.status}`, { holdId: cmd.holdId });
    this.apply(new HoldPaid(cmd.holdId));
  }

  @CommandHandler(ExpireHold)
  expire(cmd: ExpireHold) {
    if (this.status !== 'held') throw new RuleViolation(`hold is ${this.status}`, { holdId: cmd.holdId });
    this.apply(new HoldExpired(cmd.holdId));
  }

  @CommandHandler(NoteHold)
  note(cmd: NoteHold) {
    this.apply(Object.assign(new HoldNoted(), { holdId: cmd.holdId }));
  }

  @Apply(HoldNoted) onNoted() {}

  @Apply(HoldPlaced) onPlaced() {
    this.status = 'held';
  }

  @Apply(HoldPaid) onPaid() {
    this.status = 'paid';
  }

  @Apply(HoldExpired) onExpired() {
    this.status = 'expired';
  }
}

/** The process's state: the seats held, and whether its expiry was refused. */
export interface HoldExpiryState {
  seats: string[];
  refused?: string;
}

@ProcessManager('hold-expiry')
export class HoldExpiry extends Process<HoldExpiryState> {
  initialState(): HoldExpiryState {
    return { seats: [] };
  }

  @StartedBy(HoldPlaced, (e: HoldPlaced) => e.holdId)
  placed(state: HoldExpiryState, e: HoldPlaced, ctx: ProcessContext): HoldExpiryState {
    ctx.schedule('expire', { after: '15m' });
    return { ...state, seats: e.seats };
  }

  @OnEvent(HoldPaid, (e: HoldPaid) => e.holdId)
  paid(_state: HoldExpiryState, _e: HoldPaid, ctx: ProcessContext): void {
    ctx.cancel('expire');
    ctx.complete();
  }

  @OnTimer('expire')
  expire(_state: HoldExpiryState, _timer: FiredTimer, ctx: ProcessContext): void {
    ctx.dispatch(new ExpireHold(ctx.processId));
  }

  @OnEvent(HoldExpired, (e: HoldExpired) => e.holdId)
  expired(_state: HoldExpiryState, _e: HoldExpired, ctx: ProcessContext): void {
    ctx.complete();
  }

  @OnOutcome(ExpireHold)
  notExpired(state: HoldExpiryState, outcome: CommandRejected<ExpireHold>, ctx: ProcessContext) {
    ctx.complete();
    return { ...state, refused: outcome.error.message };
  }
}

@DomainEvent('LedgerOpened')
export class LedgerOpened {
  @Expose() ledgerId!: string;
}

@DomainEvent('FeeCharged')
export class FeeCharged {
  @Expose() ledgerId!: string;
  @Expose() holdId!: string;
  @Expose() amount!: number;
}

@Command('OpenLedger')
export class OpenLedger {
  @AggregateId() @IsString() ledgerId!: string;
}

@Command('ChargeFee')
export class ChargeFee {
  @AggregateId() @IsString() ledgerId!: string;
  @IsString() holdId!: string;
  @IsInt() amount!: number;
  constructor(ledgerId: string, holdId: string, amount: number) {
    this.ledgerId = ledgerId;
    this.holdId = holdId;
    this.amount = amount;
  }
}

@AggregateRoot('Ledger')
export class Ledger extends Aggregate {
  charged = 0;

  @CommandHandler(OpenLedger, { creates: true })
  open(cmd: OpenLedger) {
    this.apply(Object.assign(new LedgerOpened(), { ledgerId: cmd.ledgerId }));
  }

  @CommandHandler(ChargeFee)
  charge(cmd: ChargeFee) {
    const { ledgerId, holdId, amount } = cmd;
    this.apply(Object.assign(new FeeCharged(), { ledgerId, holdId, amount }));
  }

  @Apply(LedgerOpened) onOpened() {}

  @Apply(FeeCharged) onCharged(e: FeeCharged) {
    this.charged += e.amount;
  }
}

/**
 * Charges the ledger named by the hold id's prefix (`<ledger>-<hold>`) a fee when a hold is placed, and counts the
 * notes on the hold (so that a note is an input whose gaps the runner fills). Expiry is `HoldExpiry`'s.
 */
@ProcessManager('hold-fees')
export class HoldFees extends Process<{ notes: number }> {
  initialState() {
    return { notes: 0 };
  }

  @StartedBy(HoldPlaced, (e: HoldPlaced) => e.holdId)
  placed(_s: unknown, e: HoldPlaced, ctx: ProcessContext): void {
    ctx.dispatch(new ChargeFee(ctx.processId.split('-')[0] as string, e.holdId, 5));
  }

  @OnEvent(HoldNoted, (e: HoldNoted) => e.holdId)
  noted(s: { notes: number }) {
    return { ...s, notes: s.notes + 1 };
  }
}

/** The hold domain. */
export const holdDomain = defineDomain({ aggregates: [Hold] });

/** Holds and ledgers. */
export const feeDomain = defineDomain({ aggregates: [Hold, Ledger] });
