import { IsInt, IsString, Matches, Min } from 'class-validator';
import { DomainEvent, type Upcaster } from '../../src';

// The rules on each event's fields check what a raw publish (`POST /events`) hands over.

/**
 * A product was created with its first price, in cents of `currency`.
 * Schema v2 added `currency`; v1 events (all in euros) are read through `productCreatedV1ToV2`.
 */
@DomainEvent('ProductCreated', 2)
export class ProductCreated {
  @IsString() readonly productId: string;
  @IsString() readonly name: string;
  @IsInt() @Min(1) readonly price: number;
  @IsString() @Matches(/^[A-Z]{3}$/) readonly currency: string;

  constructor(productId: string, name: string, price: number, currency: string) {
    this.productId = productId;
    this.name = name;
    this.price = price;
    this.currency = currency;
  }
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
  @IsInt() @Min(1) readonly by: number;
  @IsInt() @Min(1) readonly newPrice: number;

  constructor(by: number, newPrice: number) {
    this.by = by;
    this.newPrice = newPrice;
  }
}

/** The price went down by `by` cents. */
@DomainEvent('PriceLowered', 1)
export class PriceLowered {
  @IsInt() @Min(1) readonly by: number;
  @IsInt() @Min(1) readonly newPrice: number;

  constructor(by: number, newPrice: number) {
    this.by = by;
    this.newPrice = newPrice;
  }
}

/** The product was deleted; nothing may happen to it afterwards. */
@DomainEvent('ProductDeleted', 1)
export class ProductDeleted {
  @IsString() readonly productId: string;

  constructor(productId: string) {
    this.productId = productId;
  }
}
