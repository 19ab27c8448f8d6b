import { Expose } from 'class-transformer';
import { IsInt, IsString } from 'class-validator';
import {
  Aggregate,
  AggregateId,
  AggregateRoot,
  Apply,
  Command,
  CommandHandler,
  defineDomain,
  DomainEvent,
  type FiredTimer,
  OnEvent,
  OnOutcome,
  OnTimer,
  Process,
  type ProcessContext,
  ProcessManager,
  StartedBy,
} from '../../../src';
import {
  ExpireHold,
  Hold,
  HoldExpired,
  HoldNoted,
  HoldPaid,
  HoldPlaced,
} from '../../unit/process/hold-domain';

/*
 * The fault test's domain: seat holds that expire unless paid, and a ledger charged a fee for each hold placed.
 * A charge is NOT idempotent (every Charge appends), so a command dispatched twice would show as two charges.
 */

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

/** Charges a fee when a hold is placed; expires the hold 15 minutes later unless it was paid first. */
@ProcessManager('hold-fees')
export class HoldFees extends Process<{ refused: number; notes: number }> {
  initialState() {
    return { refused: 0, notes: 0 };
  }

  @OnEvent(HoldNoted, (e: HoldNoted) => e.holdId)
  noted(s: { refused: number; notes: number }) {
    return { ...s, notes: s.notes + 1 };
  }

  @StartedBy(HoldPlaced, (e: HoldPlaced) => e.holdId)
  placed(_s: unknown, e: HoldPlaced, ctx: ProcessContext): void {
    ctx.dispatch(new ChargeFee(ctx.processId.split('-')[0] as string, e.holdId, 5));
    ctx.schedule('expire', { after: '15m' });
  }

  @OnEvent(HoldPaid, (e: HoldPaid) => e.holdId)
  paid(_s: unknown, _e: HoldPaid, ctx: ProcessContext): void {
    ctx.cancel('expire');
  }

  @OnTimer('expire')
  expire(_s: unknown, _t: FiredTimer, ctx: ProcessContext): void {
    ctx.dispatch(new ExpireHold(ctx.processId));
  }

  @OnEvent(HoldExpired, (e: HoldExpired) => e.holdId)
  expired(_s: unknown, _e: HoldExpired, ctx: ProcessContext): void {
    ctx.complete();
  }

  @OnOutcome(ExpireHold)
  notExpired(s: { refused: number; notes: number }) {
    return { ...s, refused: s.refused + 1 };
  }
}

/** Holds and ledgers. */
export const feeDomain = defineDomain({ aggregates: [Hold, Ledger] });
