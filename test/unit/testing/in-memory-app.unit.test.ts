import { ContainerModule, inject, injectable } from 'inversify';
import { bankDomain, PaidPerDay } from '../../../examples/bank';
import {
  type OrderCreated,
  OrderConfirmations,
  OrderDocuments,
  ordersApp,
  ordersDomain,
  OrderUpdated,
  OutboxMailer,
  Mailer,
} from '../../../examples/orders';
import { OrderCreated as Created } from '../../../examples/orders/events';
import { defineEventfoldApp } from '../../../src/infrastructure/container/eventfold-app';
import { DocumentProjection, On, Projection } from '../../../src/projections';
import { inMemoryApp } from '../../../src/testing/in-memory-app';

const lines = [{ sku: 'a', quantity: 2 }];

/** A switch a test flips to make a projection fail for one order. */
@injectable()
class Breakage {
  failing = new Set<string>();
}

@injectable()
@Projection('fragile-orders')
class FragileOrders extends DocumentProjection<{ updates: number }> {
  constructor(@inject(Breakage) private readonly breakage: Breakage) {
    super();
  }

  @On(Created)
  created(_: unknown, e: OrderCreated) {
    if (this.breakage.failing.has(e.orderId)) throw new Error(`cannot project ${e.orderId}`);
    return { updates: 0 };
  }

  @On(OrderUpdated)
  updated(view: { updates: number } | undefined) {
    return view && { updates: view.updates + 1 };
  }
}

describe('the in-memory app', () => {
  it('stamps commits with its clock, which the test moves', async () => {
    const app = await inMemoryApp(ordersApp);
    app.clock.set('2030-05-01T00:00:00.000Z');
    await app.command('CreateOrder', { orderId: 'o1', customerId: 'c', lines });
    expect((await app.document(OrderDocuments, 'Order#o1'))?.updatedAt).toBe('2030-05-01T00:00:00.000Z');
    app.clock.advance(24 * 3600_000);
    await app.command('UpdateOrder', { orderId: 'o1', lines });
    expect((await app.document(OrderDocuments, 'Order#o1'))?.updatedAt).toBe('2030-05-02T00:00:00.000Z');
  });

  it('parks a failing event, holds its stream behind it but not others, and releases it on redrive', async () => {
    const app = await inMemoryApp(
      defineEventfoldApp({
        domain: ordersDomain,
        projections: [FragileOrders],
        bindings: new ContainerModule(({ bind }) => {
          bind(Breakage).toSelf().inSingletonScope();
        }),
      }),
    );
    app.container.get(Breakage).failing.add('bad');
    await app.command('CreateOrder', { orderId: 'bad', customerId: 'c', lines });
    await app.command('UpdateOrder', { orderId: 'bad', lines });
    await app.command('CreateOrder', { orderId: 'good', customerId: 'c', lines });
    expect(app.deadLetters.letters.map((l) => [l.streamId, l.version])).toEqual([['Order#bad', 1]]);
    expect(await app.document(FragileOrders, 'Order#bad')).toBeUndefined();
    expect(await app.document(FragileOrders, 'Order#good')).toEqual({ updates: 0 });
    app.container.get(Breakage).failing.clear();
    expect(await app.redrive()).toMatchObject({ released: 1 });
    expect(await app.document(FragileOrders, 'Order#bad')).toEqual({ updates: 1 });
  });

  it('rebuilds a projection into its standby table and flips to it, without mailing again', async () => {
    const mailer = new OutboxMailer();
    const app = await inMemoryApp(ordersApp, {
      overrides: [new ContainerModule(({ rebindSync }) => void rebindSync(Mailer).toConstantValue(mailer))],
    });
    await app.command('CreateOrder', { orderId: 'o1', customerId: 'c', lines });
    await app.rebuild(OrderConfirmations);
    expect(await app.document(OrderConfirmations, 'Order#o1')).toEqual({
      customerId: 'c',
      subject: 'Your order o1',
    });
    const green = { projection: 'order-confirmations', slot: 'green' } as const;
    expect(await app.readModels.document(green, 'Order#o1')).toMatchObject({ customerId: 'c' });
    expect(mailer.sent).toHaveLength(1);
  });

  it("reads a row projection's rows by key and prefix; an unregistered projection is NOT_FOUND", async () => {
    const app = await inMemoryApp(defineEventfoldApp({ domain: bankDomain, projections: [PaidPerDay] }));
    await app.command('OpenAccount', { accountId: 'a', holderName: 'A', openingBalance: 100 });
    await app.command('OpenAccount', { accountId: 'b', holderName: 'B', openingBalance: 0 });
    await app.command('Pay', { accountId: 'a', payeeAccountId: 'b', paymentId: 'p', amount: 30 });
    const { rows } = await app.rows(PaidPerDay, { prefix: 'day#' });
    expect(rows).toEqual([{ key: 'day#2026-01-01', row: { paid: 30, payments: 1, received: 30 } }]);
    expect(await app.row(PaidPerDay, 'day#2026-01-01')).toMatchObject({ paid: 30 });
    await expect(app.document(OrderDocuments, 'Order#x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
