import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { DomainEvent } from '../../src';

/** One line of an order: an article and how many of it. */
export interface OrderLine {
  readonly sku: string;
  readonly quantity: number;
}

/** An order line as events carry it; its rules check what a raw publish (`POST /events`) hands over. */
export class OrderLineData implements OrderLine {
  @IsString() readonly sku!: string;
  @IsInt() @Min(1) readonly quantity!: number;
}

/** An order was created for a customer with its first lines. */
@DomainEvent('OrderCreated', 1)
export class OrderCreated {
  @IsString() readonly orderId: string;
  @IsString() readonly customerId: string;
  @ValidateNested({ each: true })
  @Type(() => OrderLineData)
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  readonly lines: readonly OrderLine[];

  constructor(orderId: string, customerId: string, lines: readonly OrderLine[]) {
    this.orderId = orderId;
    this.customerId = customerId;
    this.lines = lines;
  }
}

/** The lines of an order were replaced. */
@DomainEvent('OrderUpdated', 1)
export class OrderUpdated {
  @IsString() readonly orderId: string;
  @ValidateNested({ each: true })
  @Type(() => OrderLineData)
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  readonly lines: readonly OrderLine[];

  constructor(orderId: string, lines: readonly OrderLine[]) {
    this.orderId = orderId;
    this.lines = lines;
  }
}

/** An order was deleted; nothing may happen to it afterwards. */
@DomainEvent('OrderDeleted', 1)
export class OrderDeleted {
  @IsString() readonly orderId: string;

  constructor(orderId: string) {
    this.orderId = orderId;
  }
}
