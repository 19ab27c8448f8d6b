import {
  Aggregate,
  AggregateId,
  AggregateRoot,
  Apply,
  type CommandContext,
  Command,
  CommandHandler,
  Loads,
  NotFoundError,
  RuleViolation,
} from '../../src';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { ChangeHolderName, ID, MAX_CENTS, OpenAccount } from './commands';
import { AccountOpened, HolderNameChanged, PaymentReceived, PaymentSent } from './events';

/**
 * Pays an amount (in cents) from one account to another. The payee is loaded too, and both accounts'
 * events are committed in one atomic commit.
 * It lives beside `Account` because `@Loads` names the class that also handles it.
 */
@Command('Pay')
export class Pay {
  @AggregateId() @IsString() @Matches(ID) accountId!: string;
  @Loads(() => Account) @IsString() @Matches(ID) payeeAccountId!: string;
  @IsString() @Matches(ID) paymentId!: string;
  @IsInt() @Min(1) @Max(MAX_CENTS) amount!: number;
}

/**
 * A bank account of the EventStoreDB exercise. A payment debits the payer and credits the payee in one atomic
 * commit; the payer's balance never goes below zero.
 */
@AggregateRoot('Account', { snapshotEvery: 100 })
export class Account extends Aggregate {
  holderName = '';
  balance = 0;

  @CommandHandler(OpenAccount, { creates: true })
  open(cmd: OpenAccount): void {
    this.apply(new AccountOpened(cmd.accountId, cmd.holderName, cmd.openingBalance));
  }

  @CommandHandler(Pay)
  pay(cmd: Pay, ctx: CommandContext): void {
    if (cmd.payeeAccountId === this.id)
      throw new RuleViolation('an account cannot pay itself', { accountId: this.id });
    if (cmd.amount > this.balance) {
      throw new RuleViolation('insufficient funds', {
        accountId: this.id,
        balance: this.balance,
        amount: cmd.amount,
      });
    }
    const payee = ctx.related(Account, cmd.payeeAccountId);
    if (payee.version === 0) throw new NotFoundError('Account', cmd.payeeAccountId);
    this.apply(new PaymentSent(cmd.paymentId, cmd.payeeAccountId, cmd.amount));
    payee.receive(cmd.paymentId, this.id, cmd.amount);
  }

  @CommandHandler(ChangeHolderName)
  rename(cmd: ChangeHolderName): void {
    if (cmd.holderName === this.holderName) return;
    this.apply(new HolderNameChanged(cmd.holderName));
  }

  /** Credits a payment; called by the payer's handler on the loaded payee. */
  private receive(paymentId: string, payerAccountId: string, amount: number): void {
    this.apply(new PaymentReceived(paymentId, payerAccountId, amount));
  }

  @Apply(AccountOpened)
  onOpened(event: AccountOpened): void {
    this.holderName = event.holderName;
    this.balance = event.openingBalance;
  }

  @Apply(PaymentSent)
  onSent(event: PaymentSent): void {
    this.balance -= event.amount;
  }

  @Apply(PaymentReceived)
  onReceived(event: PaymentReceived): void {
    this.balance += event.amount;
  }

  @Apply(HolderNameChanged)
  onRenamed(event: HolderNameChanged): void {
    this.holderName = event.holderName;
  }
}
