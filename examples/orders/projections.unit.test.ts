import { forProjection } from '../../src/testing';
import { ordersDomain } from './domain';
import { OrderCreated, OrderDeleted, OrderUpdated } from './events';
import { OrderDocuments } from './projections';

describe('order documents', () => {
  it('keeps one document per order with its lines and item count', async () => {
    await forProjection(new OrderDocuments(), ordersDomain.events)
      .at('2026-11-22T10:00:00.000Z')
      .given('Order#o1', new OrderCreated('o1', 'c1', [{ sku: 'tea', quantity: 2 }]))
      .at('2026-11-22T11:00:00.000Z')
      .given(
        'Order#o1',
        new OrderUpdated('o1', [
          { sku: 'tea', quantity: 2 },
          { sku: 'cup', quantity: 3 },
        ]),
      )
      .given('Order#o2', new OrderCreated('o2', 'c2', [{ sku: 'pot', quantity: 1 }]), new OrderDeleted('o2'))
      .expectDocuments({
        'Order#o1': {
          orderId: 'o1',
          customerId: 'c1',
          lines: [
            { sku: 'tea', quantity: 2 },
            { sku: 'cup', quantity: 3 },
          ],
          itemCount: 5,
          status: 'open',
          updatedAt: '2026-11-22T11:00:00.000Z',
        },
        'Order#o2': {
          orderId: 'o2',
          customerId: 'c2',
          lines: [{ sku: 'pot', quantity: 1 }],
          itemCount: 1,
          status: 'deleted',
          updatedAt: '2026-11-22T11:00:00.000Z',
        },
      });
  });
});
