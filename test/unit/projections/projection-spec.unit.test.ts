import { Expose } from 'class-transformer';
import { DomainEvent } from '../../../src/domain/event-types';
import { DocumentProjection } from '../../../src/projections/document-projection';
import { On, Projection } from '../../../src/projections/projection-decorators';
import { forProjection } from '../../../src/testing/projection-spec';
import {
  AccountDocuments,
  Closed,
  DailyTotals,
  Deposited,
  Opened,
  sampleRegistry,
  Withdrawn,
} from '../../support/projections/sample-projections';

describe('projection spec', () => {
  it('folds the events of each stream into its document', async () => {
    await forProjection(new AccountDocuments(), sampleRegistry())
      .given('Acc#1', new Opened('ann'), new Deposited(50), new Withdrawn(20))
      .given('Acc#2', new Opened('bob', 'USD'), new Deposited(5))
      .expectDocuments({
        'Acc#1': { owner: 'ann', currency: 'EUR', balance: 30, movements: 2 },
        'Acc#2': { owner: 'bob', currency: 'USD', balance: 5, movements: 1 },
      });
  });

  it('removes a document when a handler returns undefined', async () => {
    await forProjection(new AccountDocuments(), sampleRegistry())
      .given('Acc#1', new Opened('ann'), new Closed())
      .expectDocument('Acc#1', undefined);
  });

  it('adds rows across aggregates per commit day', async () => {
    await forProjection(new DailyTotals(), sampleRegistry())
      .at('2026-03-01T10:00:00.000Z')
      .given('Acc#1', new Opened('ann'), new Deposited(50))
      .given('Acc#2', new Opened('bob'), new Deposited(7))
      .at('2026-03-02T09:00:00.000Z')
      .given('Acc#1', new Withdrawn(20))
      .expectRows({
        'day#2026-03-01': { deposited: 57, movements: 2 },
        'day#2026-03-02': { withdrawn: 20, movements: 1 },
        'stream#Acc#1': { lastWithdrawal: '2026-03-02' },
      });
  });

  it('fails when a handler is not idempotent under duplicate delivery', async () => {
    @DomainEvent('SpecTicked')
    class Ticked {
      @Expose() n = 1;
    }
    let calls = 0;
    @Projection('spec-counting-calls')
    class CountsCalls extends DocumentProjection<{ calls: number }> {
      @On(Ticked) ticked() {
        calls += 1;
        return { calls };
      }
    }
    await expect(forProjection(new CountsCalls()).given('T#1', new Ticked()).readModel()).rejects.toThrow(
      /differs when every event is delivered twice/,
    );
  });

  it('fails with the coordinates of an event whose handler throws', async () => {
    const projection = new AccountDocuments();
    projection.poisoned.add('Acc#9@2');
    await expect(
      forProjection(projection, sampleRegistry())
        .given('Acc#9', new Opened('zed'), new Deposited(1))
        .readModel(),
    ).rejects.toThrow(/Acc#9 v2 \(SampleDeposited\) failed: Error: poisoned Acc#9/);
  });
});
