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
import { benchAppend, createBaselineTables } from './append-bench';
import { benchDomain } from './bench-domain';
import { benchLoad } from './load-bench';
import { type BenchReport, type BenchRow, writeReport } from './lib/report';
import { castoreSubject } from './subjects/castore-subject';
import { eventfoldSubject } from './subjects/eventfold-subject';
import { rawSdkSubject } from './subjects/raw-sdk-subject';
import { targetsOf } from './targets';

const quick = process.argv.includes('--quick');
const log = (line: string) => console.log(`[bench] ${line}`);

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const local = await startDynamoDbLocal();
  const endpoints = { region: 'us-east-1', dynamodb: local.endpoint };
  const client = createDynamoDbClient(endpoints);
  const config = { ...configFromEnv({}), endpoints, timeIndexShards: 8 };
  try {
    await ensureEventStoreTables(client, config);
    await createBaselineTables(client, 'bench-raw', 'bench-castore');
    const store = new DynamoDbEventStore(client, config);
    const subjects = [
      eventfoldSubject(store),
      rawSdkSubject(client, 'bench-raw'),
      castoreSubject(client, 'bench-castore'),
    ];
    const rounds = quick ? 2 : 5;
    const rows: BenchRow[] = [
      ...(await benchAppend(
        subjects,
        {
          name: '1-event commits, 32 in flight',
          eventsPerCommit: 1,
          inFlight: 32,
          commitsPerWriter: quick ? 5 : 25,
        },
        rounds,
        log,
      )),
      ...(await benchAppend(
        subjects,
        {
          name: '10-event commits, 32 in flight',
          eventsPerCommit: 10,
          inFlight: 32,
          commitsPerWriter: quick ? 2 : 8,
        },
        rounds,
        log,
      )),
    ];
    const repository = new AggregateRepository(store, new DynamoDbSnapshotStore(client, config), benchDomain);
    rows.push(
      ...(await benchLoad(repository, quick ? [10, 100, 1000] : [10, 100, 1000, 10000], quick ? 3 : 7, log)),
    );
    const report: BenchReport = {
      startedAt,
      machine: {
        cpus: cpus().length,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        platform: process.platform,
      },
      rows,
      targets: targetsOf(rows),
    };
    writeReport(report, join(__dirname, 'results'));
  } finally {
    client.destroy();
    await local.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
