import { Aggregate, AggregateRoot, Apply, CommandHandler, NotFoundError, RuleViolation } from '../../src';
import { CreateProduct, DeleteProduct, LowerPrice, MAX_PRICE, RaisePrice } from './commands';
import { PriceLowered, PriceRaised, ProductCreated, ProductDeleted } from './events';

/**
 * A product of the "Event Sourcing under steroids" price tracker: created with a price, raised or lowered,
 * deleted. Nothing is allowed after delete (NOT_FOUND), and the price stays within 1..MAX_PRICE cents.
 */
@AggregateRoot('Product', { snapshotEvery: 20 })
export class Product extends Aggregate {
  name = '';
  price = 0;
  currency = '';
  deleted = false;

  @CommandHandler(CreateProduct, { creates: true })
  create(cmd: CreateProduct): void {
    this.apply(new ProductCreated(cmd.productId, cmd.name, cmd.price, cmd.currency));
  }

  @CommandHandler(RaisePrice)
  raise(cmd: RaisePrice): void {
    this.assertNotDeleted();
    const newPrice = this.price + cmd.by;
    if (newPrice > MAX_PRICE)
      throw new RuleViolation('price above the maximum', { price: this.price, by: cmd.by });
    this.apply(new PriceRaised(cmd.by, newPrice));
  }

  @CommandHandler(LowerPrice)
  lower(cmd: LowerPrice): void {
    this.assertNotDeleted();
    const newPrice = this.price - cmd.by;
    if (newPrice < 1)
      throw new RuleViolation('price must stay above zero', { price: this.price, by: cmd.by });
    this.apply(new PriceLowered(cmd.by, newPrice));
  }

  @CommandHandler(DeleteProduct)
  delete(cmd: DeleteProduct): void {
    this.assertNotDeleted();
    this.apply(new ProductDeleted(cmd.productId));
  }

  @Apply(ProductCreated)
  onCreated(event: ProductCreated): void {
    this.name = event.name;
    this.price = event.price;
    this.currency = event.currency;
  }

  @Apply(PriceRaised)
  onRaised(event: PriceRaised): void {
    this.price = event.newPrice;
  }

  @Apply(PriceLowered)
  onLowered(event: PriceLowered): void {
    this.price = event.newPrice;
  }

  @Apply(ProductDeleted)
  onDeleted(): void {
    this.deleted = true;
  }

  private assertNotDeleted(): void {
    if (this.deleted) throw new NotFoundError('Product', this.id);
  }
}
