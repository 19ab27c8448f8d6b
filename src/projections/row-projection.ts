import type { Row } from './row-changes';

/**
 * A projection that writes rows of its choosing across aggregates (for example totals per day). Each `@On`
 * handler receives the event, a `RowChanges` to record upserts, additions and removals, and the context.
 * The changes and the version gate's update are written in one transaction.
 * @example
 * @Projection('paid-per-day')
 * class PaidPerDay extends RowProjection<DayTotals> {
 *   @On(PaymentMade) paid(e: PaymentMade, rows: RowChanges<DayTotals>, ctx: ApplyContext) {
 *     rows.add(ctx.stored.committedAt.slice(0, 10), { paid: e.amount, payments: 1 });
 *   }
 * }
 */
export abstract class RowProjection<R extends object = Row> {
  readonly kind = 'rows' as const;
  /** Type-only marker of the row shape. */
  declare readonly rowType?: R;
}
