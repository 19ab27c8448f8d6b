import { IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { AggregateId, Command } from '../../src';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,99}$/;
/** The largest price a product may have, in cents. */
export const MAX_PRICE = 100_000_000;

/** Creates a product with a price in cents of an ISO 4217 currency. */
@Command('CreateProduct')
export class CreateProduct {
  @AggregateId() @IsString() @Matches(ID) productId!: string;
  @IsString() @Length(1, 200) name!: string;
  @IsInt() @Min(1) @Max(MAX_PRICE) price!: number;
  @IsString() @Matches(/^[A-Z]{3}$/) currency!: string;
}

/** Raises the price by some cents. */
@Command('RaisePrice')
export class RaisePrice {
  @AggregateId() @IsString() @Matches(ID) productId!: string;
  @IsInt() @Min(1) @Max(MAX_PRICE) by!: number;
}

/** Lowers the price by some cents; the price must stay above zero. */
@Command('LowerPrice')
export class LowerPrice {
  @AggregateId() @IsString() @Matches(ID) productId!: string;
  @IsInt() @Min(1) @Max(MAX_PRICE) by!: number;
}

/** Deletes the product. */
@Command('DeleteProduct')
export class DeleteProduct {
  @AggregateId() @IsString() @Matches(ID) productId!: string;
}
