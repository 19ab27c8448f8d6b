import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type AnyProjection,
  FixedPointerStore,
  InMemoryAnswerJournal,
  InMemoryDeadLetters,
  ProjectionRunner,
  type ReadModelStore,
  type ReadModelTarget,
  sql,
  type SqlClient,
  SqlQueryRunner,
  SqlReadModelReader,
  SqlReadModelStore,
  type StoredEvent,
} from '../../src';
import { DynamoDbReadModelStore } from '../../src/infrastructure/dynamodb/read-models/dynamodb-read-model-store';
import { ensureTable, readModelTableDefinition } from '../../src/infrastructure/dynamodb/tables';
import { PgSqlClient } from '../../src/infrastructure/sql/pg-sql-client';
import { PgliteSqlClient } from '../../src/infrastructure/sql/pglite-sql-client';
import { InMemoryEventStore } from '../../src/testing/in-memory-event-store';
import { postgresMissing, startPostgres } from '../../test/support/postgres-server';
import { median, percentile } from '../lib/stats';
import {
  AccountDocs,
  AccountOpened,
  AccountRows,
  Deposited,
  readModelRegistry,
} from './read-model-projections';

/** The sizes of one run of the suite. */
export interface ReadModelBenchSizes {
  readonly rounds: number;
  readonly streams: number;
  readonly eventsPerStream: number;
  /** Rows of the table the queries run on, and timed queries per database. */
  readonly queryRows: number;
  readonly queries: number;
}

/** Apply rate of one read-model database: events/s of each round and their median. */
export interface ApplyRateRow {
  readonly subject: string;
  readonly eventsPerS: number;
  /** Median over the rounds of this subject's rate over the DynamoDB document projection's in the same round. */
  readonly vsDocument: number;
  readonly rounds: number[];
}

/** Latency of the named query on one database, first pages and next pages (with a cursor), in ms. */
export interface QueryLatencyRow {
  readonly subject: string;
  readonly first: { p50: number; p95: number; p99: number };
  readonly next: { p50: number; p95: number; p99: number };
}

const registry = readModelRegistry();
const ROWS: ReadModelTarget = { projection: 'rm-account-rows', slot: 'blue' };
const OWNERS = 100;

/** Every stream's events as the store keeps them: an opening, then deposits. */
async function histories(sizes: ReadModelBenchSizes): Promise<StoredEvent[][]> {
  const store = new InMemoryEventStore(() => Date.UTC(2026, 10, 22, 12));
  const out: StoredEvent[][] = [];
  for (let s = 0; s < sizes.streams; s += 1) {
    const events = [
      new AccountOpened(`owner-${s % OWNERS}`),
      ...Array.from({ length: sizes.eventsPerStream - 1 }, (_, i) => new Deposited(i + 1)),
    ].map((e, i) => ({ ...registry.serialize(e), eventId: `s${s}-${i}`, metadata: {} }));
    const result = await store.commit({
      commitId: `c${s}`,
      streams: [{ streamId: `Account#${s}`, expectedVersion: 0, events }],
    });
    out.push([...result.events]);
  }
  return out;
}

/** Events/s of one runner: every stream in flight at once, one event per delivery (a batch size of 1). */
async function applyRate(projection: AnyProjection, store: ReadModelStore, streams: StoredEvent[][]) {
  const runner = new ProjectionRunner({
    projections: [projection],
    registry,
    store,
    eventStore: new InMemoryEventStore(),
    deadLetters: new InMemoryDeadLetters(),
    journal: new InMemoryAnswerJournal(),
    pointers: new FixedPointerStore(),
  });
  const started = performance.now();
  await Promise.all(
    streams.map(async (events) => {
      for (const event of events) await runner.deliver({ events: [event] });
    }),
  );
  const count = streams.reduce((n, events) => n + events.length, 0);
  return Math.round(count / ((performance.now() - started) / 1000));
}

interface Subject {
  readonly name: string;
  /** A fresh, empty read model for one round (table or schema created before the clock starts). */
  fresh(round: number): Promise<{ projection: AnyProjection; store: ReadModelStore }>;
}

function documentSubject(client: DynamoDBClient): Subject {
  return {
    name: 'DynamoDB document (DynamoDB Local)',
    async fresh(round) {
      const table = `bench-rm-docs-${round}`;
      await ensureTable(client, readModelTableDefinition(table));
      return { projection: new AccountDocs(), store: new DynamoDbReadModelStore(client, () => table) };
    },
  };
}

function sqlSubject(name: string, client: SqlClient, stores: Map<string, SqlReadModelStore>): Subject {
  return {
    name,
    async fresh(round) {
      const projection = new AccountRows();
      const owner = { name: ROWS.projection, migrations: projection.migrations };
      const store = new SqlReadModelStore(client, [owner], { schemaPrefix: `bench${round}_` });
      await store.ensure(ROWS);
      stores.set(name, store);
      return { projection, store };
    },
  };
}

/** Each subject's events/s in one round, in the subjects' order; who goes first turns each round. */
async function oneRound(subjects: readonly Subject[], round: number, streams: StoredEvent[][]) {
  const rates: number[] = [];
  for (let k = 0; k < subjects.length; k += 1) {
    const at = (round + k) % subjects.length;
    const { projection, store } = await subjects[at]!.fresh(round);
    rates[at] = await applyRate(projection, store, streams);
  }
  return rates;
}

/** Fills the last round's table to `rows` accounts over 100 owners, then times the named query page by page. */
async function queryLatency(
  name: string,
  client: SqlClient,
  store: SqlReadModelStore,
  sizes: ReadModelBenchSizes,
): Promise<QueryLatencyRow> {
  const table = sql`${sql.ident(store.schemaOf(ROWS))}.accounts`;
  await client.query(sql`INSERT INTO ${table} (stream_id, owner, balance, movements)
    SELECT 'Filler#' || n, 'owner-' || (n % ${OWNERS}::int), (n * 7919) % 100000, 1 FROM generate_series(1, ${sizes.queryRows}::int) AS n
    ON CONFLICT DO NOTHING`);
  await client.query(sql`ANALYZE ${table}`);
  const catalog = new Map([[ROWS.projection, new AccountRows().queries]]);
  const reader = new SqlReadModelReader(client, (t) => store.schemaOf(t));
  const runner = new SqlQueryRunner(catalog, reader, async () => ROWS);
  const first: number[] = [];
  const next: number[] = [];
  for (let i = 0; i < sizes.queries; i += 1) {
    const params = { owner: `owner-${(i * 37) % OWNERS}` };
    let started = performance.now();
    const page = await runner.run(ROWS.projection, 'byOwner', params, { limit: 10 });
    first.push(performance.now() - started);
    if (page.rows.length !== 10 || !page.cursor)
      throw new Error(`${name}: a first page of ${page.rows.length} rows`);
    started = performance.now();
    await runner.run(ROWS.projection, 'byOwner', params, { limit: 10, cursor: page.cursor });
    next.push(performance.now() - started);
  }
  const ms = (values: number[]) => ({
    p50: +percentile(values, 50).toFixed(2),
    p95: +percentile(values, 95).toFixed(2),
    p99: +percentile(values, 99).toFixed(2),
  });
  return { subject: name, first: ms(first), next: ms(next) };
}

/** The SQL databases of the suite: PGlite on disk (as the local runtime keeps it) and a throwaway PostgreSQL server. */
async function openSqlDatabases(log: (line: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'eventfold-bench-pglite-'));
  const databases = [
    { name: 'SQL on PGlite (on disk)', client: (await PgliteSqlClient.open(dir)) as SqlClient },
  ];
  const missing = postgresMissing();
  const server = missing ? undefined : await startPostgres();
  if (server) {
    const client = await PgSqlClient.connect({ connectionString: server.connectionString, max: 10 });
    databases.push({
      name: `SQL on ${server.version.replace(/^pg_ctl \(PostgreSQL\) /, 'PostgreSQL ')}`,
      client,
    });
  } else log(`read-models: no PostgreSQL server row (${missing})`);
  const close = async () => {
    await Promise.all(databases.map((d) => d.client.close()));
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return { databases, close, serverVersion: server?.version };
}

/**
 * The read-model suite: the same events applied by the DynamoDB document projection and by the SQL projection on
 * PGlite and on a PostgreSQL server, round by round with the subjects interleaved; then the named query's latency
 * on each SQL database.
 */
export async function benchReadModels(
  client: DynamoDBClient,
  sizes: ReadModelBenchSizes,
  log: (line: string) => void,
): Promise<{ apply: ApplyRateRow[]; queries: QueryLatencyRow[]; serverVersion?: string }> {
  const streams = await histories(sizes);
  const sqlStores = new Map<string, SqlReadModelStore>();
  const { databases, close, serverVersion } = await openSqlDatabases(log);
  try {
    const subjects = [
      documentSubject(client),
      ...databases.map((d) => sqlSubject(d.name, d.client, sqlStores)),
    ];
    const rates = subjects.map(() => [] as number[]);
    // One warm-up round first (round 0, not counted): the JIT, the JVM and the disks start cold.
    for (let round = 0; round <= sizes.rounds; round += 1) {
      const measured = await oneRound(subjects, round, streams);
      if (round === 0) log(`read-models warm-up: ${measured.join(', ')} events/s`);
      else log(`read-models round ${round}/${sizes.rounds}: ${measured.join(', ')} events/s`);
      if (round > 0) measured.forEach((rate, i) => rates[i]!.push(rate));
    }
    const apply = subjects.map((s, i) => ({
      subject: s.name,
      eventsPerS: Math.round(median(rates[i]!)),
      vsDocument: +median(rates[i]!.map((rate, r) => rate / rates[0]![r]!)).toFixed(2),
      rounds: rates[i]!,
    }));
    const queries: QueryLatencyRow[] = [];
    for (const d of databases)
      queries.push(await queryLatency(d.name, d.client, sqlStores.get(d.name)!, sizes));
    return { apply, queries, ...(serverVersion ? { serverVersion } : {}) };
  } finally {
    await close();
  }
}
