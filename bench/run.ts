import 'reflect-metadata';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { AggregateRepository } from '../src/application/repository';
import { createDynamoDbClient } from '../src/infrastructure/aws/clients';
import { configFromEnv } from '../src/infrastructure/config';
import { DynamoDbEventStore } from '../src/infrastructure/dynamodb/event-store';
import { DynamoDbSnapshotStore } from '../src/infrastructure/dynamodb/snapshot-store';
import { ensureEventStoreTables } from '../src/infrastructure/dynamodb/tables';
import { startDynamoDbLocal } from '../src/infrastructure/local/dynamodb-local';
import { startKinesalite } from '../src/infrastructure/local/kinesalite-server';
import { benchAppend } from './append-bench';
import { coldStartSuite } from './cold-start/cold-start-suite';
import { sqlDriverSuite } from './sql-driver/sql-driver-suite';
import { readModelSuite } from './read-models/read-model-suite';
import { benchClientCpu } from './cost/client-cpu';
import { costSuite } from './cost/cost-run';
import { withAppendSubjects } from './append-subjects';
import { benchDomain } from './bench-domain';
import { benchLag } from './lag-bench';
import { benchTableOrder } from './table-order-bench';
import { benchLoad } from './load-bench';
import { type BenchReport, type BenchRow, writeReport } from './lib/report';
import { benchReplay } from './replay-bench';
import { benchRuntime } from './runtime/runtime-bench';
import { targetsOf } from './targets';

process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';

const quick = process.argv.includes('--quick');
const suitesArg = process.argv.indexOf('--suites');
const ALL_SUITES = 'cost,client-cpu,cold-start,append,table-order,load,replay,lag,runtime'.split(',');
const suites = new Set(
  suitesArg >= 0 ? process.argv[suitesArg + 1]!.split(',').map((s) => s.trim()) : ALL_SUITES,
);
/** Every suite ran: the history keeps the run among its full runs. */
const fullRun = ALL_SUITES.every((suite) => suites.has(suite));
const outArg = process.argv.indexOf('--out');
/** A quick run writes beside the full run's results unless told otherwise, so it never replaces them. */
const outDir =
  outArg >= 0 ? process.argv[outArg + 1]! : join(__dirname, 'results', ...(quick ? ['quick'] : []));
const log = (line: string) => console.log(`[bench] ${line}`);

type Client = ReturnType<typeof createDynamoDbClient>;

/** The append suite, each subject on a DynamoDB Local of its own. */
function appendSuite(): Promise<BenchRow[]> {
  const rounds = { measured: quick ? 2 : 7, warmUp: quick ? 1 : 3 };
  const workloads = [
    {
      name: '1-event commits, 32 in flight',
      eventsPerCommit: 1,
      inFlight: 32,
      commitsPerWriter: quick ? 5 : 40,
    },
    {
      name: '10-event commits, 32 in flight',
      eventsPerCommit: 10,
      inFlight: 32,
      commitsPerWriter: quick ? 2 : 12,
    },
  ];
  return withAppendSubjects(async (subjects) => {
    const rows: BenchRow[] = [];
    for (const workload of workloads) rows.push(...(await benchAppend(subjects, workload, rounds, log)));
    return rows;
  });
}

/**
 * Client CPU per command against castore: 40 interleaved rounds of 20 commands per subject (6 of 10 quick). Many
 * short rounds, not a few long ones: on the shared 2-core machine one round's ratio ranged 0.9-2.2x with 10 rounds
 * of 50, and the median of 10 moved by 0.1 between runs.
 */
function clientCpuSuite(): Promise<BenchRow[]> {
  return benchClientCpu(quick ? 6 : 40, quick ? 10 : 20, log);
}

/** The local runtime suite: `npm start` against DynamoDB Local alone, 5 rounds (2 quick). */
function runtimeSuite(): Promise<BenchRow[]> {
  return benchRuntime(quick ? 2 : 5, quick ? 3_000 : 10_000, log);
}

async function loadSuite(client: Client, endpoint: string): Promise<BenchRow[]> {
  const endpoints = { region: 'us-east-1', dynamodb: endpoint };
  const config = { ...configFromEnv({}), endpoints, timeIndexShards: 8 };
  await ensureEventStoreTables(client, config);
  const store = new DynamoDbEventStore(client, config);
  const repository = new AggregateRepository(store, new DynamoDbSnapshotStore(client, config), benchDomain);
  const lengths = quick ? [10, 100, 1000] : [10, 100, 1000, 10000];
  return benchLoad(repository, lengths, quick ? 3 : 7, log);
}

/** Runs suites on a fresh DynamoDB Local (and kinesalite) of their own, stopped afterwards: each starts with an empty heap. */
async function onFreshEmulators(
  work: (client: Client, endpoints: { dynamodb: string; kinesis: string }) => Promise<BenchRow[]>,
): Promise<BenchRow[]> {
  const [local, kinesis] = await Promise.all([startDynamoDbLocal(), startKinesalite()]);
  const client = createDynamoDbClient({ region: 'us-east-1', dynamodb: local.endpoint });
  try {
    return await work(client, { dynamodb: local.endpoint, kinesis: kinesis.endpoint });
  } finally {
    client.destroy();
    await Promise.all([local.stop(), kinesis.stop()]);
  }
}

/**
 * The suites that write results of their own (cost, sql-driver, read-models and cold-start .json and .md). The
 * cost, SQL driver and read-model suites' go nowhere else, so that a run of only those keeps the latest report; the
 * cold-start suite's rows also go to the report and the history.
 */
async function suitesWithOwnResults(): Promise<BenchRow[]> {
  if (suites.has('cost')) await costSuite(outDir, process.argv.includes('--update-cost-budget'), log);
  // Asked for by name only (`--suites sql-driver`): the figures behind the choice of the RDS Data API.
  if (suites.has('sql-driver')) sqlDriverSuite(outDir, quick ? 3 : 11, log);
  // Asked for by name only (`--suites read-models`): SQL apply rate beside DynamoDB documents, query latency.
  if (suites.has('read-models')) {
    await onFreshEmulators(async (client) => (await readModelSuite(client, outDir, quick, log), []));
  }
  // Fresh processes, no emulator: at least 10 of each bundle in a full run.
  return suites.has('cold-start') ? coldStartSuite(outDir, quick ? 3 : 11, log) : [];
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const rows: BenchRow[] = [...(await suitesWithOwnResults())];
  if (suites.has('client-cpu')) rows.push(...(await clientCpuSuite()));
  if (suites.has('append')) rows.push(...(await appendSuite()));
  if (suites.has('table-order')) rows.push(...(await benchTableOrder(quick ? 2 : 5, log)));
  if (suites.has('load')) {
    rows.push(...(await onFreshEmulators((client, endpoints) => loadSuite(client, endpoints.dynamodb))));
  }
  if (suites.has('replay')) {
    const sizes = quick ? [1_000, 10_000] : [10_000, 100_000];
    rows.push(
      ...(await onFreshEmulators((client, endpoints) =>
        benchReplay(client, endpoints, sizes, quick ? 1 : 3, log),
      )),
    );
  }
  if (suites.has('lag')) rows.push(...(await benchLag(quick ? 10 : 30, log)));
  if (suites.has('runtime')) rows.push(...(await runtimeSuite()));
  const report: BenchReport = {
    startedAt,
    machine: {
      cpus: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: process.platform,
    },
    quick,
    rows,
    targets: targetsOf(rows),
  };
  // A full run's figures go on record in the history beside the latest ones; a quick run's are not kept.
  if (rows.length > 0) writeReport(report, outDir, { suites: [...suites], full: fullRun });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
