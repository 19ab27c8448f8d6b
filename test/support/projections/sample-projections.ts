import { Expose } from 'class-transformer';
import { DomainEvent } from '../../../src/domain/event-types';
import { EventRegistry } from '../../../src/domain/event-registry';
import type { ApplyContext } from '../../../src/projections/apply-context';
import { DocumentProjection } from '../../../src/projections/document-projection';
import { On, Projection } from '../../../src/projections/projection-decorators';
import type { RowChanges } from '../../../src/projections/row-changes';
import { RowProjection } from '../../../src/projections/row-projection';

@DomainEvent('SampleOpened', 2)
export class Opened {
  @Expose() owner!: string;
  @Expose() currency!: string;
  constructor(owner: string, currency = 'EUR') {
    this.owner = owner;
    this.currency = currency;
  }
}

@DomainEvent('SampleDeposited')
export class Deposited {
  @Expose() amount!: number;
  constructor(amount: number) {
    this.amount = amount;
  }
}

@DomainEvent('SampleWithdrawn')
export class Withdrawn {
  @Expose() amount!: number;
  constructor(amount: number) {
    this.amount = amount;
  }
}

@DomainEvent('SampleClosed')
export class Closed {}

/** v1 of SampleOpened had no currency. */
export const openedV1ToV2 = {
  type: 'SampleOpened',
  fromVersion: 1,
  up: (d: Record<string, unknown>) => ({ ...d, currency: 'EUR' }),
};

export function sampleRegistry(): EventRegistry {
  return new EventRegistry().register(Opened, Deposited, Withdrawn, Closed).addUpcasters(openedV1ToV2).seal();
}

/** The blue table of the account documents: where a runner with a fixed pointer writes them. */
export const accountsBlue = { projection: 'sample-accounts', slot: 'blue' } as const;

/** The blue table of the daily totals. */
export const totalsBlue = { projection: 'sample-daily-totals', slot: 'blue' } as const;

export interface AccountView {
  owner: string;
  currency: string;
  balance: number;
  movements: number;
}

/** One document per account; throws for streams listed in `poisoned` (to test parking). */
@Projection('sample-accounts', { rebuildable: true })
export class AccountDocuments extends DocumentProjection<AccountView> {
  readonly poisoned = new Set<string>();

  @On(Opened) opened(_: AccountView | undefined, e: Opened): AccountView {
    return { owner: e.owner, currency: e.currency, balance: 0, movements: 0 };
  }

  @On(Deposited) deposited(view: AccountView | undefined, e: Deposited, ctx: ApplyContext): AccountView {
    if (this.poisoned.has(`${ctx.streamId}@${ctx.version}`)) throw new Error(`poisoned ${ctx.streamId}`);
    return move(view, e.amount);
  }

  @On(Withdrawn) withdrawn(view: AccountView | undefined, e: Withdrawn): AccountView {
    return move(view, -e.amount);
  }

  @On(Closed) closed(): undefined {
    return undefined;
  }
}

function move(view: AccountView | undefined, amount: number): AccountView {
  const base = view ?? { owner: '?', currency: 'EUR', balance: 0, movements: 0 };
  return { ...base, balance: base.balance + amount, movements: base.movements + 1 };
}

export interface DayTotals {
  deposited: number;
  withdrawn: number;
  movements: number;
  lastWithdrawal: string;
}

/** Totals per commit day across all accounts. */
@Projection('sample-daily-totals')
export class DailyTotals extends RowProjection<DayTotals> {
  @On(Deposited) deposited(e: Deposited, rows: RowChanges<DayTotals>, ctx: ApplyContext): void {
    rows.add(`day#${ctx.stored.committedAt.slice(0, 10)}`, { deposited: e.amount, movements: 1 });
  }

  @On(Withdrawn) withdrawn(e: Withdrawn, rows: RowChanges<DayTotals>, ctx: ApplyContext): void {
    rows.add(`day#${ctx.stored.committedAt.slice(0, 10)}`, { withdrawn: e.amount, movements: 1 });
    // A row of one stream may be set: its events arrive in order. Rows shared across streams only add.
    rows.set(`stream#${ctx.streamId}`, { lastWithdrawal: ctx.stored.committedAt.slice(0, 10) });
  }
}
