import { DomainEvent, type Upcaster } from '../../src';

/**
 * A product was created with its first price, in cents of `currency`.
 * Schema v2 added `currency`; v1 events (all in euros) are read through `productCreatedV1ToV2`.
 */
@DomainEvent('ProductCreated', 2)
export class ProductCreated {
  constructor(
    readonly productId: string,
    readonly name: string,
    readonly price: number,
    readonly currency: string,
  ) {}
}

/** Reads a v1 `ProductCreated` (no currency: every v1 price was in euros) as v2. */
export const productCreatedV1ToV2: Upcaster = {
  type: 'ProductCreated',
  fromVersion: 1,
  up: (data) => ({ ...data, currency: 'EUR' }),
};

/** The price went up by `by` cents. */
@DomainEvent('PriceRaised', 1)
export class PriceRaised {
  constructor(
    readonly by: number,
    readonly newPrice: number,
  ) {}
}

/** The price went down by `by` cents. */
@DomainEvent('PriceLowered', 1)
export class PriceLowered {
  constructor(
    readonly by: number,
    readonly newPrice: number,
  ) {}
}

/** The product was deleted; nothing may happen to it afterwards. */
@DomainEvent('ProductDeleted', 1)
export class ProductDeleted {
  constructor(readonly productId: string) {}
}
