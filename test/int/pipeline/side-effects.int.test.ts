import type { StoredEvent } from '../../../src/domain/stored-event';
import { DynamoDbEventStore } from '../../../src/infrastructure/dynamodb/event-store';
import { DynamoDbReadModelStore } from '../../../src/infrastructure/dynamodb/read-models/dynamodb-read-model-store';
import {
  ensureTable,
  readModelTableDefinition,
  recordedAnswersTableName,
} from '../../../src/infrastructure/dynamodb/tables';
import { handleProjectionBatch } from '../../../src/infrastructure/kinesis/projection-batch-handler';
import { DynamoDbAnswerJournal } from '../../../src/infrastructure/side-effects/dynamodb-answer-journal';
import type { ApplyContext } from '../../../src/projections/apply-context';
import { DocumentProjection } from '../../../src/projections/document-projection';
import { FixedPointerStore } from '../../../src/projections/fixed-pointer-store';
import { On, Projection } from '../../../src/projections/projection-decorators';
import { ProjectionRunner } from '../../../src/projections/projection-runner';
import type { ReadModelTarget } from '../../../src/projections/read-model-store';
import { InMemoryDeadLetters } from '../../../src/projections/redrive';
import { useDynamoDbFixture } from '../../support/dynamodb-fixture';
import { Deposited, Opened, sampleRegistry } from '../../support/projections/sample-projections';
import { kinesisEventOf } from '../../support/kinesis-events';

interface UsdView {
  usd: number;
  rate: number;
}

/** Converts deposits with an external exchange rate and welcomes new owners by mail. */
@Projection('usd-balances', { rebuildable: true })
class UsdBalances extends DocumentProjection<UsdView> {
  rate = 2;
  rateCalls = 0;
  readonly mails: string[] = [];

  @On(Opened, { replay: false })
  async welcome(view: UsdView | undefined, e: Opened, ctx: ApplyContext) {
    await ctx.effects.send('welcome-mail', async () => {
      this.mails.push(e.owner);
    });
    return view;
  }

  @On(Deposited)
  async deposited(view: UsdView | undefined, e: Deposited, ctx: ApplyContext): Promise<UsdView> {
    const rate = await ctx.effects.query('fx:EUR-USD', async () => {
      this.rateCalls += 1;
      return this.rate;
    });
    return { usd: (view?.usd ?? 0) + e.amount * rate, rate };
  }
}

describe('side effects: nothing sent during replays, live answers recorded for replays', () => {
  const ddb = useDynamoDbFixture({ tablePrefix: 'fx-' });

  it('replays into the standby table with the answers recorded live, sending nothing', async () => {
    const registry = sampleRegistry();
    const { client, config } = ddb();
    const tableOf = (t: ReadModelTarget) => `fx-${t.projection}-${t.slot}`;
    await Promise.all([
      ensureTable(client, readModelTableDefinition(recordedAnswersTableName(config))),
      ensureTable(client, readModelTableDefinition('fx-usd-balances-blue')),
      ensureTable(client, readModelTableDefinition('fx-usd-balances-green')),
    ]);
    const projection = new UsdBalances();
    const store = new DynamoDbEventStore(client, config);
    const readModels = new DynamoDbReadModelStore(client, tableOf);
    const deadLetters = new InMemoryDeadLetters();
    const runner = new ProjectionRunner({
      projections: [projection],
      registry,
      store: readModels,
      eventStore: store,
      pointers: new FixedPointerStore(),
      deadLetters,
      journal: new DynamoDbAnswerJournal(client, recordedAnswersTableName(config)),
      maxAttempts: 1,
    });
    const deps = { runner, pointers: new FixedPointerStore() };
    const serialize = (e: object, id: string) => ({ ...registry.serialize(e), eventId: id });
    const { events } = await store.commit({
      commitId: 'c1',
      streams: [
        {
          streamId: 'Acc#fx1',
          expectedVersion: 0,
          events: [
            serialize(new Opened('ann'), 'e1'),
            serialize(new Deposited(10), 'e2'),
            serialize(new Deposited(5), 'e3'),
          ],
        },
      ],
    });

    await handleProjectionBatch(kinesisEventOf(events), deps);
    await handleProjectionBatch(kinesisEventOf(events), deps);
    expect(projection.mails).toEqual(['ann']);
    expect(projection.rateCalls).toBe(2);
    const live = await readModels.readState({ projection: 'usd-balances', slot: 'blue' }, 'Acc#fx1');
    expect(live.document).toEqual({ usd: 30, rate: 2 });

    projection.rate = 3;
    const green = { projection: 'usd-balances', slot: 'green' } as const;
    await handleProjectionBatch(
      kinesisEventOf(events, { replayId: 'rb1', projection: 'usd-balances', slot: 'green' }),
      deps,
    );
    expect(await readModels.readState(green, 'Acc#fx1')).toEqual(live);
    expect(projection.mails).toEqual(['ann']);
    expect(projection.rateCalls).toBe(2);

    const later: readonly StoredEvent[] = (
      await store.commit({
        commitId: 'c2',
        streams: [{ streamId: 'Acc#fx1', expectedVersion: 3, events: [serialize(new Deposited(1), 'e4')] }],
      })
    ).events;
    await handleProjectionBatch(
      kinesisEventOf(later, { replayId: 'rb1', projection: 'usd-balances', slot: 'green' }),
      deps,
    );
    expect(deadLetters.letters).toEqual([
      expect.objectContaining({
        streamId: 'Acc#fx1',
        version: 4,
        error: expect.stringContaining('no recorded answer'),
      }),
    ]);
    expect(projection.rateCalls).toBe(2);
  }, 60_000);
});
