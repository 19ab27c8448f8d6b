import { inMemoryApp } from '../../src/testing/in-memory-app';
import { ordersApp } from './orders-app';
import { ordersEndToEnd } from './orders-end-to-end';

// The one line that picks where the app runs; test/e2e/orders-app.e2e.test.ts runs the same test on the local runtime.
describe('orders example in memory', () =>
  ordersEndToEnd((options) => inMemoryApp(ordersApp, options), 'in memory'));
