import fc from 'fast-check';
import { validateCommand } from '../../src';
import { forAggregate } from '../../src/testing';
import {
  CreateProduct,
  DeleteProduct,
  LowerPrice,
  PriceLowered,
  PriceRaised,
  Product,
  ProductCreated,
  ProductDeleted,
  RaisePrice,
  pricesDomain,
} from '.';

const created = new ProductCreated('p1', 'Lamp', 1000, 'EUR');
const raise = (by: number) => validateCommand(RaisePrice, { productId: 'p1', by });
const lower = (by: number) => validateCommand(LowerPrice, { productId: 'p1', by });
const remove = () => validateCommand(DeleteProduct, { productId: 'p1' });
const create = () =>
  validateCommand(CreateProduct, { productId: 'p1', name: 'Lamp', price: 1000, currency: 'EUR' });

describe('Product (price tracker)', () => {
  it('creates a product with a price', () => {
    forAggregate(Product).given().when(create()).then(created);
  });

  it('raises and lowers the price', () => {
    forAggregate(Product).given(created).when(raise(250)).then(new PriceRaised(250, 1250));
    forAggregate(Product).given(created).when(lower(999)).then(new PriceLowered(999, 1));
  });

  it('refuses to lower the price to zero or below', () => {
    forAggregate(Product)
      .given(created)
      .when(lower(1000))
      .thenThrows('RULE_VIOLATION', { price: 1000, by: 1000 });
  });

  it('deletes a product', () => {
    forAggregate(Product).given(created).when(remove()).then(new ProductDeleted('p1'));
  });

  it.each([
    ['raise', () => raise(1)],
    ['lower', () => lower(1)],
    ['delete', remove],
  ])('refuses to %s after delete', (_, command) => {
    forAggregate(Product).given(created, new ProductDeleted('p1')).when(command()).thenThrows('NOT_FOUND');
  });

  it('refuses to create a deleted product again', () => {
    forAggregate(Product)
      .given(created, new ProductDeleted('p1'))
      .when(create())
      .thenThrows('RULE_VIOLATION');
  });

  it('keeps the price equal to the start plus every accepted change (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: -600, max: 600 }).filter((n) => n !== 0),
          { maxLength: 25 },
        ),
        (changes) => {
          const history: object[] = [created];
          let price = 1000;
          for (const change of changes) {
            const outcome = forAggregate(Product)
              .given(...history)
              .when(change > 0 ? raise(change) : lower(-change));
            if (price + change >= 1) {
              price += change;
              const event = change > 0 ? new PriceRaised(change, price) : new PriceLowered(-change, price);
              outcome.then(event);
              history.push(event);
            } else {
              outcome.thenThrows('RULE_VIOLATION');
            }
          }
          expect(new Product('p1').loadFromHistory(history).price).toBe(price);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('reads a stored v1 ProductCreated as v2 in euros', () => {
    const event = pricesDomain.events.deserialize({
      type: 'ProductCreated',
      schemaVersion: 1,
      data: { productId: 'p0', name: 'Old lamp', price: 500 },
    });
    expect(event).toEqual(new ProductCreated('p0', 'Old lamp', 500, 'EUR'));
    expect(new Product('p0').loadFromHistory([event]).currency).toBe('EUR');
  });

  it('writes ProductCreated as schema version 2', () => {
    expect(pricesDomain.events.serialize(created)).toMatchObject({
      type: 'ProductCreated',
      schemaVersion: 2,
    });
  });

  it('refuses a lower-case or missing currency', () => {
    expect(() =>
      validateCommand(CreateProduct, { productId: 'p1', name: 'Lamp', price: 1, currency: 'eur' }),
    ).toThrow(/currency: currency must match/);
  });
});
