import { DomainEvent } from '../../src';

/** An account was opened for a holder with an opening balance (in cents). */
@DomainEvent('AccountOpened', 1)
export class AccountOpened {
  constructor(
    readonly accountId: string,
    readonly holderName: string,
    readonly openingBalance: number,
  ) {}
}

/** Money left the payer's account. */
@DomainEvent('PaymentSent', 1)
export class PaymentSent {
  constructor(
    readonly paymentId: string,
    readonly payeeAccountId: string,
    readonly amount: number,
  ) {}
}

/** Money reached the payee's account; committed atomically with the payer's `PaymentSent`. */
@DomainEvent('PaymentReceived', 1)
export class PaymentReceived {
  constructor(
    readonly paymentId: string,
    readonly payerAccountId: string,
    readonly amount: number,
  ) {}
}

/** The holder's name was changed. */
@DomainEvent('HolderNameChanged', 1)
export class HolderNameChanged {
  constructor(readonly holderName: string) {}
}
