import fc from 'fast-check';
import { validateCommand } from '../../src';
import { forAggregate } from '../../src/testing';
import {
  Account,
  AccountOpened,
  ChangeHolderName,
  HolderNameChanged,
  OpenAccount,
  Pay,
  PaymentReceived,
  PaymentSent,
  bankDomain,
} from '.';

const pay = (amount: number, payeeAccountId = 'bob', paymentId = 'p1') =>
  validateCommand(Pay, { accountId: 'alice', payeeAccountId, paymentId, amount });

const aliceOpened = new AccountOpened('alice', 'Alice', 100);
const bobOpened = new AccountOpened('bob', 'Bob', 5);

describe('Account (EventStoreDB exercise)', () => {
  it('opens an account', () => {
    forAggregate(Account)
      .given()
      .when(validateCommand(OpenAccount, { accountId: 'alice', holderName: 'Alice', openingBalance: 100 }))
      .then(aliceOpened);
  });

  it('debits the payer and credits the payee in the same commit', () => {
    forAggregate(Account)
      .given(aliceOpened)
      .givenRelated(Account, 'bob', bobOpened)
      .when(pay(60))
      .then(new PaymentSent('p1', 'bob', 60))
      .thenRelated(Account, 'bob', new PaymentReceived('p1', 'alice', 60))
      .thenState((alice) => expect(alice.balance).toBe(40));
  });

  it('lets the payer spend exactly the whole balance', () => {
    forAggregate(Account)
      .given(aliceOpened)
      .givenRelated(Account, 'bob', bobOpened)
      .when(pay(100))
      .thenState((alice) => expect(alice.balance).toBe(0));
  });

  it('refuses a payment larger than the balance', () => {
    forAggregate(Account)
      .given(aliceOpened, new PaymentSent('p0', 'bob', 30))
      .givenRelated(Account, 'bob', bobOpened)
      .when(pay(71))
      .thenThrows('RULE_VIOLATION', { balance: 70, amount: 71 });
  });

  it('never lets a balance go negative, whatever the sequence of payments (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 80 }), { maxLength: 20 }), (amounts) => {
        const history: object[] = [aliceOpened];
        let balance = 100;
        for (const [i, amount] of amounts.entries()) {
          const outcome = forAggregate(Account)
            .given(...history)
            .givenRelated(Account, 'bob', bobOpened)
            .when(pay(amount, 'bob', `p${i}`));
          if (amount <= balance) {
            outcome.then(new PaymentSent(`p${i}`, 'bob', amount));
            history.push(new PaymentSent(`p${i}`, 'bob', amount));
            balance -= amount;
          } else {
            outcome.thenThrows('RULE_VIOLATION');
          }
        }
        const alice = new Account('alice').loadFromHistory(history);
        expect(alice.balance).toBe(balance);
        expect(alice.balance).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses a payment to a missing account', () => {
    forAggregate(Account).given(aliceOpened).when(pay(10)).thenThrows('NOT_FOUND', { id: 'bob' });
  });

  it('refuses a payment from a missing account', () => {
    forAggregate(Account)
      .given()
      .givenRelated(Account, 'bob', bobOpened)
      .when(pay(10))
      .thenThrows('NOT_FOUND');
  });

  it('refuses a payment to the payer itself', () => {
    forAggregate(Account).given(aliceOpened).when(pay(10, 'alice')).thenThrows('RULE_VIOLATION');
  });

  it('refuses a zero or fractional amount', () => {
    expect(() => pay(0)).toThrow(/amount must not be less than 1/);
    expect(() => pay(1.5)).toThrow(/amount must be an integer number/);
  });

  it('changes the holder name, and records nothing when it is unchanged', () => {
    const rename = (holderName: string) =>
      validateCommand(ChangeHolderName, { accountId: 'alice', holderName });
    forAggregate(Account).given(aliceOpened).when(rename('Alice B.')).then(new HolderNameChanged('Alice B.'));
    forAggregate(Account).given(aliceOpened).when(rename('Alice')).then();
  });

  it('routes Pay to accounts and declares the payee as a loaded aggregate', () => {
    const route = bankDomain.command('Pay');
    expect(route.aggregateClass).toBe(Account);
    expect(route.info.loads.map((l) => [l.field, l.aggregate()])).toEqual([['payeeAccountId', Account]]);
  });
});
