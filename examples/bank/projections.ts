import { type ApplyContext, On, Projection, type RowChanges, RowProjection } from '../../src';
import { PaymentReceived, PaymentSent } from './events';

/** Totals of one day, in cents, across every account. */
export interface DayTotals {
  paid: number;
  payments: number;
  received: number;
}

/**
 * Totals paid per day across all accounts: a row per commit day (`day#2026-11-22`), written with atomic
 * additions, so payments of many accounts applied by several consumers at once add up exactly once each.
 */
@Projection('paid-per-day', { rebuildable: true })
export class PaidPerDay extends RowProjection<DayTotals> {
  @On(PaymentSent)
  sent(e: PaymentSent, rows: RowChanges<DayTotals>, ctx: ApplyContext): void {
    rows.add(`day#${ctx.stored.committedAt.slice(0, 10)}`, { paid: e.amount, payments: 1 });
  }

  @On(PaymentReceived)
  received(e: PaymentReceived, rows: RowChanges<DayTotals>, ctx: ApplyContext): void {
    rows.add(`day#${ctx.stored.committedAt.slice(0, 10)}`, { received: e.amount });
  }
}
