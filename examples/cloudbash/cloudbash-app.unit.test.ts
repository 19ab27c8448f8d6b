import fc from 'fast-check';
import { inMemoryApp } from '../../src/testing/in-memory-app';
import { cloudbashApp } from './cloudbash-app';
import { cloudbashEndToEnd } from './cloudbash-end-to-end';
import { rushPlans } from './rush-plans';
import { expectSeatsAfterRush, ticketRush } from './ticket-rush';

// The one line that picks where the app runs; test/e2e/cloudbash.e2e.test.ts runs the same test on the local runtime.
describe('Cloudbash in memory', () => cloudbashEndToEnd(() => inMemoryApp(cloudbashApp), 'in memory'));

describe('Cloudbash seat allocation (property)', () => {
  it('never sells or holds a seat twice, and every paid order holds its seats, whatever the buyers try', async () => {
    await fc.assert(
      fc.asyncProperty(rushPlans('k', 12, 10), async (plan) => {
        const app = await inMemoryApp(cloudbashApp);
        try {
          await expectSeatsAfterRush(app, plan, await ticketRush(app, plan));
        } finally {
          await app.stop();
        }
      }),
      { numRuns: 40 },
    );
  });
});
