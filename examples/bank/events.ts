import { IsInt, IsString, Min } from 'class-validator';
import { DomainEvent } from '../../src';

// The rules on each event's fields check what a raw publish (`POST /events`) hands over.

/** An account was opened for a holder with an opening balance (in cents). */
@DomainEvent('AccountOpened', 1)
export class AccountOpened {
  @IsString() readonly accountId: string;
  @IsString() readonly holderName: string;
  @IsInt() @Min(0) readonly openingBalance: number;

  constructor(accountId: string, holderName: string, openingBalance: number) {
    this.accountId = accountId;
    this.holderName = holderName;
    this.openingBalance = openingBalance;
  }
}

/** Money left the payer's account. */
@DomainEvent('PaymentSent', 1)
export class PaymentSent {
  @IsString() readonly paymentId: string;
  @IsString() readonly payeeAccountId: string;
  @IsInt() @Min(1) readonly amount: number;

  constructor(paymentId: string, payeeAccountId: string, amount: number) {
    this.paymentId = paymentId;
    this.payeeAccountId = payeeAccountId;
    this.amount = amount;
  }
}

/** Money reached the payee's account; committed atomically with the payer's `PaymentSent`. */
@DomainEvent('PaymentReceived', 1)
export class PaymentReceived {
  @IsString() readonly paymentId: string;
  @IsString() readonly payerAccountId: string;
  @IsInt() @Min(1) readonly amount: number;

  constructor(paymentId: string, payerAccountId: string, amount: number) {
    this.paymentId = paymentId;
    this.payerAccountId = payerAccountId;
    this.amount = amount;
  }
}

/** The holder's name was changed. */
@DomainEvent('HolderNameChanged', 1)
export class HolderNameChanged {
  @IsString() readonly holderName: string;

  constructor(holderName: string) {
    this.holderName = holderName;
  }
}
