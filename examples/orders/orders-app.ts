import { defineEventfoldApp } from '../../src/infrastructure/container/eventfold-app';
import { OrderConfirmations, ordersBindings } from './confirmations';
import { ordersDomain } from './domain';
import { OrderDocuments } from './projections';

/** The orders example as an app of its own: its domain, its two projections (as classes) and its mailer. */
export const ordersApp = defineEventfoldApp({
  domain: ordersDomain,
  projections: [OrderDocuments, OrderConfirmations],
  bindings: ordersBindings,
});
