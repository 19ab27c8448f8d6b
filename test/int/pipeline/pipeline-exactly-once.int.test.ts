import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DeleteStreamCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { DynamoDBRecord } from 'aws-lambda';
import fc from 'fast-check';
import type { StoredEvent } from '../../../src/domain/stored-event';
import { clientConfig } from '../../../src/infrastructure/aws/aws-config';
import { createKinesisClient } from '../../../src/infrastructure/aws/clients';
import type { RecordEnvelope } from '../../../src/infrastructure/kinesis/record-envelope';
import { dynamoDbStreamSource } from '../../../src/infrastructure/local/runtime/event-source-mapping-dynamodb';
import { DynamoDbEventStore } from '../../../src/infrastructure/dynamodb/event-store';
import { DynamoDbReadModelReader } from '../../../src/infrastructure/dynamodb/read-models/dynamodb-read-model-reader';
import { DynamoDbReadModelStore } from '../../../src/infrastructure/dynamodb/read-models/dynamodb-read-model-store';
import { ensureTable, readModelTableDefinition } from '../../../src/infrastructure/dynamodb/tables';
import { handleStreamBatch } from '../../../src/infrastructure/forwarder/handle-stream-batch';
import { KinesisPublisher } from '../../../src/infrastructure/kinesis/kinesis-publisher';
import { handleProjectionBatch } from '../../../src/infrastructure/kinesis/projection-batch-handler';
import { startKinesalite, type KinesaliteServer } from '../../../src/infrastructure/local/kinesalite-server';
import type { ReadModelTarget } from '../../../src/projections/read-model-store';
import type { ProjectionPointerStore } from '../../../src/projections/table-pointer';
import { ProjectionRunner } from '../../../src/projections/projection-runner';
import { InMemoryDeadLetters } from '../../../src/projections/redrive';
import { InMemoryAnswerJournal } from '../../../src/projections/side-effects';
import { useDynamoDbFixture } from '../../support/dynamodb-fixture';
import { createStream, injectPutRecordsFaults, readAllShards } from '../../support/kinesis-fixture';
import { AccountDocuments, DailyTotals, sampleRegistry } from '../../support/projections/sample-projections';
import { CrashingStore, InjectedCrash } from './crashing-store';
import { deliverShard, type DeliveryStats, lambdaRecordOf, seeded, streamRecordOf } from './delivery';
import { fold } from './fold';
import { eventsOf, type Operation } from './sample-domain';
import { PipelineSqlTargets } from './sql-targets';

const registry = sampleRegistry();

/** The accounts projection is being rebuilt into green (live events go to blue and green); the totals are not. */
const rebuildingAccounts: ProjectionPointerStore = {
  get: async (projection) =>
    projection === 'sample-accounts'
      ? { projection, active: 'blue', revision: 1, rebuilding: { rebuildId: 'rb', standby: 'green' } }
      : { projection, active: 'blue', revision: 0 },
  put: async () => false,
};
const operation = fc.record<Operation>({
  account: fc.nat({ max: 9 }),
  kind: fc.constantFrom('deposit', 'withdraw', 'both', 'transfer', 'close'),
  amount: fc.integer({ min: 1, max: 500 }),
  day: fc.nat({ max: 2 }),
});

describe('live pipeline: store -> forwarder -> Kinesis -> projections, with faults everywhere', () => {
  const ddb = useDynamoDbFixture({ tablePrefix: 'pipe-' });
  let kinesis: KinesaliteServer;
  let run = 0;
  const totals = { runs: 0, events: 0, putEntriesFailed: 0, forwarderResumes: 0, dropped: 0 };
  const delivery: DeliveryStats = { invocations: 0, recordsDelivered: 0, redelivered: 0, crashes: 0 };
  let storeCrashes = 0;

  // A SQL projection on PGlite and the same one on a PostgreSQL server ride along with the DynamoDB ones.
  const sqlTargets = new PipelineSqlTargets();

  beforeAll(async () => {
    kinesis = await startKinesalite();
    await sqlTargets.start();
  }, 90_000);

  afterAll(async () => {
    await kinesis?.stop();
    await sqlTargets.stop();
    console.log(JSON.stringify({ ...totals, ...delivery, storeCrashes }));
  });

  async function storeHistory(ops: Operation[], accounts: number, prefix: string) {
    let day = 0;
    const store = new DynamoDbEventStore(ddb().client, {
      ...ddb().config,
      clock: () => new Date(Date.UTC(2026, 2, 1 + day, 12)),
    });
    const streams = Array.from({ length: accounts }, (_, i) => `Acc#${prefix}a${i}`);
    const versions = new Map<string, number>();
    const opened = new Set<string>();
    const committed: StoredEvent[] = [];
    for (const [i, op] of ops.entries()) {
      day = op.day;
      const appends = [...eventsOf(registry, op, streams, opened)].map(([streamId, events]) => ({
        streamId,
        expectedVersion: versions.get(streamId) ?? 0,
        events,
      }));
      const result = await store.commit({ commitId: `${prefix}c${i}`, streams: appends });
      for (const e of result.events) versions.set(e.streamId, e.version);
      committed.push(...result.events);
    }
    return { store, streams, committed };
  }

  async function forward(committed: StoredEvent[], stream: string, random: () => number) {
    const client = createKinesisClient({ region: 'us-east-1', kinesis: kinesis.endpoint });
    const faults = injectPutRecordsFaults(client, random, { entryFailureRate: 0.3, callFailureRate: 0.05 });
    const publisher = new KinesisPublisher(client, stream, { maxAttempts: 2, sleep: async () => undefined });
    const records: DynamoDBRecord[] = committed.map((e, i) => streamRecordOf(e, i + 1));
    for (let position = 0, guard = 0; position < records.length; guard += 1) {
      if (guard > 5_000) throw new Error('forwarding did not converge');
      const batch = records.slice(position, position + 1 + Math.floor(random() * 8));
      const { batchItemFailures } = await handleStreamBatch({ Records: batch }, { publisher });
      const failed = batchItemFailures[0]?.itemIdentifier;
      if (failed !== undefined) totals.forwarderResumes += 1;
      position +=
        failed === undefined ? batch.length : batch.findIndex((r) => r.dynamodb?.SequenceNumber === failed);
    }
    totals.putEntriesFailed += faults.entriesFailed;
    return client;
  }

  it('forwards the real DynamoDB stream of the events table to Kinesis, in order per aggregate', async () => {
    const { store, streams, committed } = await storeHistory(
      [
        { account: 0, kind: 'both', amount: 10, day: 0 },
        { account: 1, kind: 'transfer', amount: 4, day: 1 },
        { account: 2, kind: 'deposit', amount: 7, day: 1 },
        { account: 0, kind: 'close', amount: 1, day: 2 },
      ],
      3,
      'live',
    );
    const { Table } = await ddb().client.send(
      new DescribeTableCommand({ TableName: ddb().config.eventsTable }),
    );
    const streamsClient = new DynamoDBStreamsClient(
      clientConfig(ddb().config.endpoints, ddb().local.endpoint),
    );
    const source = dynamoDbStreamSource(streamsClient, Table!.LatestStreamArn!, 'us-east-1');
    const records: DynamoDBRecord[] = [];
    for (const shard of await source.listShards()) {
      let iterator: string | undefined = await source.iterator(shard.shardId);
      for (let page = 0; iterator && page < 20; page += 1) {
        const read: Awaited<ReturnType<typeof source.read>> = await source.read(
          shard.shardId,
          iterator,
          1000,
        );
        records.push(...read.records);
        if (read.records.length === 0) break;
        iterator = read.nextIterator;
      }
    }
    streamsClient.destroy();
    const client = createKinesisClient({ region: 'us-east-1', kinesis: kinesis.endpoint });
    const stream = await freshStream('pipe-live');
    const response = await handleStreamBatch(
      { Records: records },
      { publisher: new KinesisPublisher(client, stream) },
    );
    expect(response.batchItemFailures).toEqual([]);
    const published = new Map<string, StoredEvent[]>();
    for (const shardRecords of (await readAllShards(client, stream)).values()) {
      for (const record of shardRecords) {
        const envelope = JSON.parse(Buffer.from(record.Data as Uint8Array).toString()) as RecordEnvelope;
        for (const e of envelope.events) published.set(e.streamId, [...(published.get(e.streamId) ?? []), e]);
      }
    }
    for (const streamId of streams) {
      expect(published.get(streamId)).toEqual(await readAll(store, streamId));
    }
    expect([...published.values()].flat()).toHaveLength(committed.length);
    await client.send(new DeleteStreamCommand({ StreamName: stream }));
    client.destroy();
  }, 60_000);

  it('every read model (live tables, a rebuild fed by live and replay, SQL on PGlite and a server) equals the fold of the stored events, whatever the faults', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(operation, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 2_000_000_000 }),
        async (accounts, ops, seed) => {
          try {
            const prefix = `r${(run += 1)}`;
            const random = seeded(seed);
            const { store, streams, committed } = await storeHistory(ops, accounts, prefix);
            const client = await forward(committed, await freshStream(`pipe-${prefix}`), random);
            await publishReplay(client, committed, await freshStream(`replay-${prefix}`), prefix, random);
            const tableOf = (t: ReadModelTarget) => `${prefix}-${t.projection}-${t.slot}`;
            const sqlProjections = sqlTargets.targets.map((t) => t.projection);
            const projections = [new AccountDocuments(), new DailyTotals(), ...sqlProjections];
            const tables: ReadModelTarget[] = [
              { projection: 'sample-accounts', slot: 'blue' },
              { projection: 'sample-accounts', slot: 'green' },
              { projection: 'sample-daily-totals', slot: 'blue' },
            ];
            await Promise.all(
              tables.map((t) => ensureTable(ddb().client, readModelTableDefinition(tableOf(t)))),
            );
            const crashing = new CrashingStore(
              sqlTargets.route(new DynamoDbReadModelStore(ddb().client, tableOf), prefix),
              random,
              0.08,
            );
            const deadLetters = new InMemoryDeadLetters();
            const runner = new ProjectionRunner({
              projections,
              registry,
              store: crashing,
              eventStore: store,
              pointers: rebuildingAccounts,
              deadLetters,
              journal: new InMemoryAnswerJournal(),
            });
            const deps = { runner, pointers: rebuildingAccounts };
            const handler = async (event: Parameters<typeof handleProjectionBatch>[0]) => {
              const response = await handleProjectionBatch(event, deps);
              if (random() < 0.05) throw new InjectedCrash('after a batch, before Lambda saw the answer');
              return response;
            };
            const shards = [
              ...(await readAllShards(client, `pipe-${prefix}`)),
              ...(await readAllShards(client, `replay-${prefix}`)),
            ];
            await Promise.all(
              shards.map(([shardId, records]) =>
                deliverShard(
                  dropSome(
                    records.map((r) => lambdaRecordOf(r, shardId)),
                    random,
                  ),
                  handler,
                  random,
                  delivery,
                ),
              ),
            );
            client.destroy();

            const histories = await Promise.all(streams.map((s) => readAll(store, s)));
            const reader = new DynamoDbReadModelReader(ddb().client, tableOf);
            for (const target of tables) {
              const dump = await reader.dump(target);
              const projection = projections.find((p) => pName(p) === target.projection)!;
              const expected = await fold(projection, registry, histories);
              expect({ documents: dump.documents, rows: dump.rows }).toEqual(expected);
              for (const h of histories.filter((x) => x.length))
                expect(dump.versions[h[0]!.streamId]).toBe(h.length);
            }
            for (const sql of await sqlTargets.compare(registry, histories, prefix)) {
              expect({ name: sql.name, tables: sql.actual }).toEqual({
                name: sql.name,
                tables: sql.expected,
              });
              expect(sql.versions).toEqual(sql.expectedVersions);
            }
            expect(deadLetters.letters).toEqual([]);
            totals.runs += 1;
            totals.events += committed.length;
            storeCrashes += crashing.crashes;
          } finally {
            await deleteStreams([`pipe-r${run}`, `replay-r${run}`]);
          }
        },
      ),
      { numRuns: Number(process.env.PIPELINE_RUNS ?? 100) },
    );
    expect(totals.putEntriesFailed).toBeGreaterThan(0);
    expect(storeCrashes + delivery.crashes).toBeGreaterThan(0);
  }, 600_000);

  async function deleteStreams(names: string[]): Promise<void> {
    const client = createKinesisClient({ region: 'us-east-1', kinesis: kinesis.endpoint });
    await Promise.all(
      names.map((StreamName) => client.send(new DeleteStreamCommand({ StreamName })).catch(() => undefined)),
    );
    client.destroy();
  }

  async function freshStream(name: string): Promise<string> {
    const client = createKinesisClient({ region: 'us-east-1', kinesis: kinesis.endpoint });
    await createStream(client, name, 3);
    client.destroy();
    return name;
  }

  /** Replays the history onto the replay stream for a rebuild of the accounts projection into green, in pages. */
  async function publishReplay(
    client: KinesisClient,
    committed: StoredEvent[],
    stream: string,
    replayId: string,
    random: () => number,
  ) {
    const replay = { replayId, projection: 'sample-accounts', slot: 'green' } as const;
    const publisher = new KinesisPublisher(client, stream, {
      replay,
      maxAttempts: 100,
      sleep: async () => undefined,
    });
    for (let at = 0; at < committed.length;) {
      const size = 1 + Math.floor(random() * 6);
      await publisher.publish(committed.slice(at, at + size));
      at += size;
    }
  }

  /** Drops records that a later record of the same stream covers, so projections must fill gaps from the store. */
  function dropSome<R extends { kinesis: { partitionKey: string; data: string } }>(
    records: R[],
    random: () => number,
  ) {
    const maxVersion = (r: R) => {
      const events = (
        JSON.parse(Buffer.from(r.kinesis.data, 'base64').toString()) as { events: StoredEvent[] }
      ).events;
      return Math.max(...events.map((e) => e.version));
    };
    return records.filter((r, i) => {
      const covered = records
        .slice(i + 1)
        .some(
          (later) =>
            later.kinesis.partitionKey === r.kinesis.partitionKey && maxVersion(later) > maxVersion(r),
        );
      const drop = covered && random() < 0.1;
      if (drop) totals.dropped += 1;
      return !drop;
    });
  }
});

function pName(projection: object): string {
  return projection instanceof AccountDocuments ? 'sample-accounts' : 'sample-daily-totals';
}

async function readAll(store: DynamoDbEventStore, streamId: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readStream(streamId)) events.push(event);
  return events;
}
