import fc from 'fast-check';
import { inMemoryApp } from '../../src/testing/in-memory-app';
import { cloudbashApp, cloudbashSalesApp } from './cloudbash-app';
import { cloudbashEndToEnd } from './cloudbash-end-to-end';
import { rushPlans } from './rush-plans';
import { expectSeatsAfterRush, payLate, ticketRush } from './ticket-rush';

// The one line that picks where the app runs; test/e2e/cloudbash.e2e.test.ts runs the same test on the local runtime.
describe('Cloudbash in memory', () => cloudbashEndToEnd(() => inMemoryApp(cloudbashApp), 'in memory'));

describe('Cloudbash seat allocation (property)', () => {
  it('never sells or holds a seat twice, and every paid order holds its seats, also when payments race expiries', async () => {
    await fc.assert(
      fc.asyncProperty(rushPlans('k', 12, 10), async (plan) => {
        const app = await inMemoryApp(cloudbashSalesApp);
        try {
          const figures = await ticketRush(app, plan);
          await expectSeatsAfterRush(app, plan, figures);
          await Promise.all([app.advance('15m'), payLate(app, plan, figures)]);
          await expectSeatsAfterRush(app, plan, figures, { expired: true });
        } finally {
          await app.stop();
        }
      }),
      { numRuns: 20 },
    );
  }, 60_000);
});
