import type { StoredEvent } from '../../../src/domain/stored-event';
import { DynamoDbReadModelStore } from '../../../src/infrastructure/dynamodb/read-models/dynamodb-read-model-store';
import { ensureTable, readModelTableDefinition } from '../../../src/infrastructure/dynamodb/tables';
import { FixedPointerStore } from '../../../src/projections/fixed-pointer-store';
import type { AnyProjection } from '../../../src/projections/projection-binding';
import { ProjectionRunner } from '../../../src/projections/projection-runner';
import type { ReadModelStore } from '../../../src/projections/read-model-store';
import { InMemoryDeadLetters } from '../../../src/projections/redrive';
import { InMemoryAnswerJournal } from '../../../src/projections/side-effects';
import { sql } from '../../../src/projections/sql/sql-template';
import { InMemoryEventStore } from '../../../src/testing/in-memory-event-store';
import { useDynamoDbFixture } from '../../support/dynamodb-fixture';
import { PipelineSqlTargets } from '../pipeline/sql-targets';
import {
  AccountDocuments,
  Deposited,
  Opened,
  sampleRegistry,
} from '../../unit/projections/sample-projections';

const registry = sampleRegistry();
const STREAMS = 20;
const DEPOSITS = 14;

/** The side-by-side figure of issue 26: SQL vs DynamoDB document apply rates, and SQL query latency. */
describe('SQL projection apply rate and query latency, side by side', () => {
  const ddb = useDynamoDbFixture({ tablePrefix: 'rate-' });
  const sqlTargets = new PipelineSqlTargets();
  beforeAll(() => sqlTargets.start(), 90_000);
  afterAll(() => sqlTargets.stop());

  async function history(): Promise<StoredEvent[][]> {
    const store = new InMemoryEventStore(() => Date.UTC(2026, 10, 22, 12));
    const histories: StoredEvent[][] = [];
    for (let s = 0; s < STREAMS; s += 1) {
      const events = [
        new Opened(`owner-${s % 5}`),
        ...Array.from({ length: DEPOSITS }, (_, i) => new Deposited(i + 1)),
      ];
      const newEvents = events.map((e, i) => ({
        ...registry.serialize(e),
        eventId: `s${s}-${i}`,
        metadata: {},
      }));
      const streamId = `Acc#rate${s}`;
      const result = await store.commit({
        commitId: `c${s}`,
        streams: [{ streamId, expectedVersion: 0, events: newEvents }],
      });
      histories.push([...result.events]);
    }
    return histories;
  }

  /** Events per second applied by one runner: one delivery per event, as a batch size of 1 would give. */
  async function rate(projection: AnyProjection, store: ReadModelStore, histories: StoredEvent[][]) {
    const runner = new ProjectionRunner({
      projections: [projection],
      registry,
      store,
      eventStore: new InMemoryEventStore(),
      deadLetters: new InMemoryDeadLetters(),
      journal: new InMemoryAnswerJournal(),
      pointers: new FixedPointerStore(),
    });
    const events = histories.flat();
    const started = performance.now();
    await Promise.all(
      histories.map(async (h) => {
        for (const e of h) await runner.deliver({ events: [e] });
      }),
    );
    return Math.round(events.length / ((performance.now() - started) / 1000));
  }

  it('prints events/s of each, and query latency on PGlite and the server', async () => {
    const histories = await history();
    const table = 'rate-sample-accounts-blue';
    await ensureTable(ddb().client, readModelTableDefinition(table));
    const figures: Record<string, unknown> = {
      events: STREAMS * (DEPOSITS + 1),
      dynamodbDocumentEventsPerS: await rate(
        new AccountDocuments(),
        new DynamoDbReadModelStore(ddb().client, () => table),
        histories,
      ),
    };
    const unused = new DynamoDbReadModelStore(ddb().client, () => table);
    for (const t of sqlTargets.targets) {
      const store = sqlTargets.route(unused, 'rate');
      figures[`${t.name}EventsPerS`] = await rate(t.projection, store, histories);
      const read = sqlTargets.reader(t, 'rate');
      const times: number[] = [];
      for (let i = 0; i < 200; i += 1) {
        const started = performance.now();
        const { rows } = await read(
          sql`SELECT stream_id, balance FROM accounts WHERE owner = ${`owner-${i % 5}`} ORDER BY balance DESC LIMIT 10`,
        );
        times.push(performance.now() - started);
        expect(rows.length).toBeGreaterThan(0);
      }
      times.sort((a, b) => a - b);
      figures[`${t.name}QueryMs`] = { p50: +times[100]!.toFixed(2), p95: +times[190]!.toFixed(2) };
    }
    console.log(JSON.stringify(figures));
    expect(figures.dynamodbDocumentEventsPerS).toBeGreaterThan(0);
  }, 300_000);
});
