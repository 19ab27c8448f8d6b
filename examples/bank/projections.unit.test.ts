import { forProjection } from '../../src/testing';
import { bankDomain } from './domain';
import { AccountOpened, PaymentReceived, PaymentSent } from './events';
import { PaidPerDay } from './projections';

describe('paid per day', () => {
  it('adds up the payments of all accounts per commit day', async () => {
    await forProjection(new PaidPerDay(), bankDomain.events)
      .at('2026-11-21T09:00:00.000Z')
      .given('Account#a', new AccountOpened('a', 'Ann', 10_000), new PaymentSent('p1', 'b', 1_500))
      .given('Account#b', new AccountOpened('b', 'Bob', 0), new PaymentReceived('p1', 'a', 1_500))
      .at('2026-11-22T09:00:00.000Z')
      .given('Account#b', new PaymentSent('p2', 'a', 200))
      .given('Account#a', new PaymentReceived('p2', 'b', 200), new PaymentSent('p3', 'b', 300))
      .expectRows({
        'day#2026-11-21': { paid: 1_500, payments: 1, received: 1_500 },
        'day#2026-11-22': { paid: 500, payments: 2, received: 200 },
      });
  });
});
