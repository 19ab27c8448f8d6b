import { type AggregateClass, type DomainModel, type Upcaster, defineDomain } from '../src';
import type { ContainerModule } from 'inversify';
import type { ProjectionEntry } from '../src/projections/projection-binding';
import { Account, PaidPerDay, bankDomain } from './bank';
import { Order, OrderConfirmations, OrderDocuments, ordersBindings, ordersDomain } from './orders';
import { Product, pricesDomain, productCreatedV1ToV2 } from './prices';

export * as orders from './orders';
export * as bank from './bank';
export * as prices from './prices';
export { ordersDomain, bankDomain, pricesDomain };

/** The three example domains, by name. */
export const exampleDomains: Readonly<Record<'orders' | 'bank' | 'prices', DomainModel>> = {
  orders: ordersDomain,
  bank: bankDomain,
  prices: pricesDomain,
};

/** Every aggregate of the examples, for one domain model that serves them all (the local runtime uses it). */
export const allExampleAggregates: readonly AggregateClass[] = [Order, Account, Product];

/** Every upcaster of the examples. */
export const allExampleUpcasters: readonly Upcaster[] = [productCreatedV1ToV2];

/** One domain model serving all three examples at once. */
export const examplesDomain: DomainModel = defineDomain({
  aggregates: allExampleAggregates,
  upcasters: allExampleUpcasters,
});

/**
 * The projections of the examples, deployed by the example CDK app and run by the local runtime: instances, or
 * classes the container builds with their dependencies (the confirmations get the `Mailer` of `exampleBindings`).
 */
export const allExampleProjections: readonly ProjectionEntry[] = [
  new OrderDocuments(),
  new PaidPerDay(),
  OrderConfirmations,
];

/** The examples' own container bindings (the orders example's mailer). */
export const exampleBindings: readonly ContainerModule[] = [ordersBindings];
