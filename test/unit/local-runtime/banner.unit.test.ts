import { PaidPerDay, bankDomain } from '../../../examples/bank';
import { allExampleProjections, examplesDomain } from '../../../examples';
import { defineEventfoldApp } from '../../../src/infrastructure/container';
import { runtimeBanner } from '../../../src/infrastructure/local/runtime/banner';
import type { LocalRuntime } from '../../../src/infrastructure/local/runtime/local-runtime';

const runtime = { url: 'http://127.0.0.1:3999' } as LocalRuntime;

describe('the banner npm start prints', () => {
  it("names an app's own commands and projections, with placeholders for ids it cannot know", () => {
    const app = defineEventfoldApp({ domain: bankDomain, projections: [new PaidPerDay()] });
    const banner = runtimeBanner(runtime, app, 1200, undefined);
    expect(banner).toContain('/commands/OpenAccount');
    expect(banner).toContain(
      'curl -s http://127.0.0.1:3999/projections/paid-per-day/documents/<Type>%23<id>',
    );
    expect(banner).not.toContain('Order');
  });

  it("shows the examples' sample order when the app has CreateOrder", () => {
    const app = defineEventfoldApp({ domain: examplesDomain, projections: allExampleProjections });
    const banner = runtimeBanner(runtime, app, 1200, '.local-data');
    expect(banner).toContain('/streams/Order%23o-1');
    expect(banner).toMatch(/projections\/[a-z-]+\/documents\/Order%23o-1/);
  });
});
