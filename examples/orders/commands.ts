import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { AggregateId, Command } from '../../src';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,99}$/;

/** An order line as a command carries it. */
export class OrderLineInput {
  @IsString() @Matches(ID) sku!: string;
  @IsInt() @Min(1) @Max(10_000) quantity!: number;
}

/** Creates an order; refused when an order with this id exists or existed. */
@Command('CreateOrder')
export class CreateOrder {
  @AggregateId() @IsString() @Matches(ID) orderId!: string;
  @IsString() @Matches(ID) customerId!: string;
  @ValidateNested({ each: true })
  @Type(() => OrderLineInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  lines!: OrderLineInput[];
}

/** Replaces the lines of an existing order. */
@Command('UpdateOrder')
export class UpdateOrder {
  @AggregateId() @IsString() @Matches(ID) orderId!: string;
  @ValidateNested({ each: true })
  @Type(() => OrderLineInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  lines!: OrderLineInput[];
}

/** Deletes an existing order. */
@Command('DeleteOrder')
export class DeleteOrder {
  @AggregateId() @IsString() @Matches(ID) orderId!: string;
}
