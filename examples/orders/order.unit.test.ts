import { validateCommand } from '../../src';
import { forAggregate } from '../../src/testing';
import {
  CreateOrder,
  DeleteOrder,
  Order,
  OrderCreated,
  OrderDeleted,
  OrderUpdated,
  UpdateOrder,
  ordersDomain,
} from '.';

const create = (orderId = 'o1') =>
  validateCommand(CreateOrder, { orderId, customerId: 'c1', lines: [{ sku: 'car-7', quantity: 2 }] });
const update = (orderId = 'o1') =>
  validateCommand(UpdateOrder, { orderId, lines: [{ sku: 'car-9', quantity: 1 }] });
const remove = (orderId = 'o1') => validateCommand(DeleteOrder, { orderId });

const created = new OrderCreated('o1', 'c1', [{ sku: 'car-7', quantity: 2 }]);

describe('Order (thesis Aggregator service)', () => {
  it('creates an order', () => {
    forAggregate(Order)
      .given()
      .when(create())
      .then(created)
      .thenState((order) => expect(order.status).toBe('open'));
  });

  it('refuses to create an order twice', () => {
    forAggregate(Order).given(created).when(create()).thenThrows('RULE_VIOLATION', { streamId: 'Order#o1' });
  });

  it('updates the lines of an existing order', () => {
    forAggregate(Order)
      .given(created)
      .when(update())
      .then(new OrderUpdated('o1', [{ sku: 'car-9', quantity: 1 }]))
      .thenState((order) => expect(order.lines).toEqual([{ sku: 'car-9', quantity: 1 }]));
  });

  it('deletes an existing order', () => {
    forAggregate(Order)
      .given(created, new OrderUpdated('o1', []))
      .when(remove())
      .then(new OrderDeleted('o1'));
  });

  it.each([
    ['update', update],
    ['delete', remove],
  ])('refuses to %s a missing order with NOT_FOUND', (_, command) => {
    forAggregate(Order).given().when(command('o2')).thenThrows('NOT_FOUND', { kind: 'Order', id: 'o2' });
  });

  it.each([
    ['update', update],
    ['delete', remove],
  ])('refuses to %s a deleted order with NOT_FOUND', (_, command) => {
    forAggregate(Order).given(created, new OrderDeleted('o1')).when(command()).thenThrows('NOT_FOUND');
  });

  it('refuses to re-create a deleted order', () => {
    forAggregate(Order).given(created, new OrderDeleted('o1')).when(create()).thenThrows('RULE_VIOLATION');
  });

  it('refuses an order without lines or with a bad quantity, naming each field', () => {
    expect(() => validateCommand(CreateOrder, { orderId: 'o1', customerId: '', lines: [] })).toThrow(
      expect.objectContaining({
        violations: [
          { field: 'customerId', reasons: [expect.stringContaining('must match')] },
          { field: 'lines', reasons: ['lines must contain at least 1 elements'] },
        ],
      }),
    );
    expect(() => validateCommand(UpdateOrder, { orderId: 'o1', lines: [{ sku: 'a', quantity: 0 }] })).toThrow(
      /lines\[0\]\.quantity: quantity must not be less than 1/,
    );
  });

  it('routes its commands by name and reads its events back from storage', () => {
    expect(ordersDomain.command('CreateOrder').aggregateClass).toBe(Order);
    const stored = JSON.parse(JSON.stringify(ordersDomain.events.serialize(created)));
    expect(ordersDomain.events.deserialize(stored)).toEqual(created);
  });
});
