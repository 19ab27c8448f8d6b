import { projectionInfoOf } from '../src';
import { allExampleProjections, exampleDomains, examplesDomain, pricesDomain } from '.';
import { app } from './cdk-app/eventfold-app';

describe('example domains', () => {
  it('can be served together by one domain model without name clashes', () => {
    const model = examplesDomain;
    expect(model.aggregateTypeNames().sort()).toEqual(['Account', 'Order', 'Product']);
    const names = Object.values(exampleDomains).flatMap((domain) => domain.commandNames());
    expect(model.commandNames().sort()).toEqual([...names].sort());
  });

  it('registers the v2 ProductCreated with its upcaster', () => {
    for (const model of [pricesDomain, examplesDomain]) {
      const event = model.events.deserialize({
        type: 'ProductCreated',
        schemaVersion: 1,
        data: { price: 1 },
      });
      expect(event).toMatchObject({ price: 1, currency: 'EUR' });
    }
  });
});

describe('example app', () => {
  it('serves every example projection over the all-examples domain', () => {
    expect(allExampleProjections.map((p) => projectionInfoOf(p).name).sort()).toEqual([
      'order-confirmations',
      'order-documents',
      'paid-per-day',
    ]);
    expect(app.domain).toBe(examplesDomain);
    expect(app.projections).toBe(allExampleProjections);
  });
});
