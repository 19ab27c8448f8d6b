import { Aggregate, AggregateRoot, Apply, CommandHandler, NotFoundError } from '../../src';
import { CreateOrder, DeleteOrder, UpdateOrder } from './commands';
import { OrderCreated, OrderDeleted, type OrderLine, OrderUpdated } from './events';

const copyLines = (lines: readonly OrderLine[]): OrderLine[] =>
  lines.map(({ sku, quantity }) => ({ sku, quantity }));

/**
 * An order of the thesis's Aggregator service: created, updated and deleted through events.
 * Updating or deleting a missing or deleted order is refused with NOT_FOUND.
 */
@AggregateRoot('Order', { snapshotEvery: 50 })
export class Order extends Aggregate {
  status: 'none' | 'open' | 'deleted' = 'none';
  customerId = '';
  lines: OrderLine[] = [];

  @CommandHandler(CreateOrder, { creates: true })
  create(cmd: CreateOrder): void {
    this.apply(new OrderCreated(cmd.orderId, cmd.customerId, copyLines(cmd.lines)));
  }

  @CommandHandler(UpdateOrder)
  update(cmd: UpdateOrder): void {
    this.assertNotDeleted();
    this.apply(new OrderUpdated(cmd.orderId, copyLines(cmd.lines)));
  }

  @CommandHandler(DeleteOrder)
  delete(cmd: DeleteOrder): void {
    this.assertNotDeleted();
    this.apply(new OrderDeleted(cmd.orderId));
  }

  @Apply(OrderCreated)
  onCreated(event: OrderCreated): void {
    this.status = 'open';
    this.customerId = event.customerId;
    this.lines = copyLines(event.lines);
  }

  @Apply(OrderUpdated)
  onUpdated(event: OrderUpdated): void {
    this.lines = copyLines(event.lines);
  }

  @Apply(OrderDeleted)
  onDeleted(): void {
    this.status = 'deleted';
    this.lines = [];
  }

  private assertNotDeleted(): void {
    if (this.status === 'deleted') throw new NotFoundError('Order', this.id);
  }
}
