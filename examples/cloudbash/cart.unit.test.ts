import { forAggregate } from '../../src/testing';
import { Cart, CartItemAdded, CartItemExpired } from '.';
import { cartOpened, commands } from './fixtures';

describe('Cart', () => {
  it('is opened for a customer, empty', () => {
    forAggregate(Cart)
      .given()
      .when(commands.openCart())
      .then(cartOpened)
      .thenState((cart) => expect(cart).toMatchObject({ customerId: 'ann', items: {} }));
  });

  it('refuses to open a cart twice', () => {
    forAggregate(Cart).given(cartOpened).when(commands.openCart()).thenThrows('RULE_VIOLATION');
  });

  it('keeps an expired item with its status, for the customer to see', () => {
    const cart = new Cart('c1').loadFromHistory([
      cartOpened,
      new CartItemAdded('r1', 'k1', [3, 4], 9_000),
      new CartItemExpired('r1'),
    ]);
    expect(cart.items).toEqual({
      r1: { concertId: 'k1', seats: [3, 4], totalCents: 9_000, status: 'expired' },
    });
  });
});
