import { ContainerModule } from 'inversify';
import { isEventfoldError } from '../../src/domain/errors';
import type { TestAppOptions } from '../../src/testing/in-memory-app';
import type { EventfoldTestApp } from '../../src/testing/test-app';
import { Mailer, OutboxMailer } from './confirmations';
import { OrderConfirmations } from './confirmations';
import { OrderDocuments } from './projections';

/** How long each case of the last run took, by case name (the e2e test prints them side by side). */
export const caseTimes = new Map<string, number>();

const lines = (...quantities: number[]) => quantities.map((quantity, i) => ({ sku: `sku-${i}`, quantity }));

/**
 * The orders example end to end, written once against `EventfoldTestApp`: a user's test. Which app runs it is the
 * one line in the test file that calls this (`inMemoryApp` or `localApp`). The mailer is swapped for one the test
 * reads, by rebinding it.
 */
export function ordersEndToEnd(start: (options: TestAppOptions) => Promise<EventfoldTestApp>, label: string) {
  const mailer = new OutboxMailer();
  const fakeMailer = new ContainerModule(({ rebindSync }) => {
    rebindSync(Mailer).toConstantValue(mailer);
  });
  let app: EventfoldTestApp | undefined;
  const timed = async (name: string, body: (a: EventfoldTestApp) => Promise<void>) => {
    const started = performance.now();
    await body(app!);
    caseTimes.set(`${label}: ${name}`, performance.now() - started);
  };
  beforeAll(async () => {
    const started = performance.now();
    app = await start({ overrides: [fakeMailer] });
    caseTimes.set(`${label}: start the app`, performance.now() - started);
  }, 120_000);
  afterAll(() => app?.stop(), 60_000);

  it(
    'creates an order and reads its document and confirmation; the mail goes out once',
    () =>
      timed('create and read', async (a) => {
        await a.command('CreateOrder', { orderId: 'o1', customerId: 'c1', lines: lines(2, 1) });
        await a.settled();
        expect(await a.document(OrderDocuments, 'Order#o1')).toMatchObject({ itemCount: 3, status: 'open' });
        expect(await a.document(OrderConfirmations, 'Order#o1')).toEqual({
          customerId: 'c1',
          subject: 'Your order o1',
        });
        expect(mailer.sent).toEqual([{ to: 'c1', subject: 'Your order o1' }]);
      }),
    60_000,
  );

  it(
    'follows updates and a delete, and refuses a command on a deleted order with NOT_FOUND',
    () =>
      timed('update, delete, refuse', async (a) => {
        await a.command('UpdateOrder', { orderId: 'o1', lines: lines(5) });
        await a.command('DeleteOrder', { orderId: 'o1' });
        const refused = await a.command('DeleteOrder', { orderId: 'o1' }).catch((e: unknown) => e);
        expect(isEventfoldError(refused) && refused.code).toBe('NOT_FOUND');
        await a.settled();
        expect(await a.document(OrderDocuments, 'Order#o1')).toMatchObject({
          itemCount: 5,
          status: 'deleted',
        });
      }),
    60_000,
  );

  it(
    'replays the order without mailing again',
    () =>
      timed('replay', async (a) => {
        await a.replay({ kind: 'aggregate', streamId: 'Order#o1' });
        await a.settled();
        expect(await a.document(OrderDocuments, 'Order#o1')).toMatchObject({ status: 'deleted' });
        expect(mailer.sent).toHaveLength(1);
      }),
    60_000,
  );
}
