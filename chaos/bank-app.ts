import { type DocumentView, DocumentProjection, On, Projection } from '../src/projections';
import { defineEventfoldApp, type EventfoldApp } from '../src/infrastructure/container/eventfold-app';
import { AccountOpened, PaidPerDay, PaymentReceived, PaymentSent, bankDomain } from '../examples/bank';

/** The balance document the chaos suite keeps per account. */
export interface AccountBalance extends DocumentView {
  balance: number;
  sent: number;
  received: number;
}

/** Each account's balance and payment counts, rebuilt under load by the chaos suite. */
@Projection('chaos-account-balances', { rebuildable: true })
export class AccountBalances extends DocumentProjection<AccountBalance> {
  @On(AccountOpened)
  opened(_view: AccountBalance | undefined, e: AccountOpened): AccountBalance {
    return { balance: e.openingBalance, sent: 0, received: 0 };
  }

  @On(PaymentSent)
  paid(view: AccountBalance | undefined, e: PaymentSent): AccountBalance | undefined {
    return view && { ...view, balance: view.balance - e.amount, sent: view.sent + 1 };
  }

  @On(PaymentReceived)
  credited(view: AccountBalance | undefined, e: PaymentReceived): AccountBalance | undefined {
    return view && { ...view, balance: view.balance + e.amount, received: view.received + 1 };
  }
}

/** The projections of the chaos app, by name. */
export const CHAOS_PROJECTIONS = { balances: 'chaos-account-balances', paidPerDay: 'paid-per-day' } as const;

/** The bank example with a balance document projection and the example's paid-per-day rows. */
export function chaosBankApp(): EventfoldApp {
  return defineEventfoldApp({ domain: bankDomain, projections: [new AccountBalances(), new PaidPerDay()] });
}
