import { ordersApp } from '../../examples/orders/orders-app';
import { caseTimes, ordersEndToEnd } from '../../examples/orders/orders-end-to-end';
import { localApp } from '../../src/infrastructure/local/runtime/local-app';
import { inMemoryApp } from '../../src/testing/in-memory-app';

process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

// The same user test twice in one run, in memory and on the local runtime, and their times side by side.
describe('orders example in memory', () =>
  ordersEndToEnd((options) => inMemoryApp(ordersApp, options), 'in memory'));
describe('orders example on the local runtime', () =>
  ordersEndToEnd((options) => localApp(ordersApp, options), 'local runtime'));

afterAll(() => {
  const rows = [...caseTimes].map(([name, ms]) => `${name.padEnd(40)} ${ms.toFixed(1).padStart(8)} ms`);
  const total = (label: string) =>
    [...caseTimes].filter(([name]) => name.startsWith(label) && !name.endsWith('start the app'));
  const sum = (label: string) =>
    total(label)
      .reduce((ms, [, t]) => ms + t, 0)
      .toFixed(1);
  rows.push(`cases in memory ${sum('in memory')} ms, on the local runtime ${sum('local runtime')} ms`);
  process.stdout.write(`\norders example end to end, per case:\n${rows.join('\n')}\n`);
});
