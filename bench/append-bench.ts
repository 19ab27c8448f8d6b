import { type CreateTableCommandInput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable, eventsTableDefinition } from '../src/infrastructure/dynamodb/tables';
import type { BenchRow } from './lib/report';
import { inParallel, median, timed } from './lib/stats';
import type { AppendSubject } from './subjects/append-subject';

/** One append workload: events per commit, commits in flight, commits per writer. */
export interface AppendWorkload {
  readonly name: string;
  readonly eventsPerCommit: number;
  readonly inFlight: number;
  readonly commitsPerWriter: number;
}

/**
 * The castore adapter's table: its own key names and its initial-events index; with a stream of new images
 * unless `stream` is false (eventfold's table always has one: the live projections read it).
 */
export function castoreTableDefinition(tableName: string, stream = true): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'aggregateId', AttributeType: 'S' },
      { AttributeName: 'version', AttributeType: 'N' },
      { AttributeName: 'eventStoreId', AttributeType: 'S' },
      { AttributeName: 'timestamp', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'aggregateId', KeyType: 'HASH' },
      { AttributeName: 'version', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'initialEvents',
        KeySchema: [
          { AttributeName: 'eventStoreId', KeyType: 'HASH' },
          { AttributeName: 'timestamp', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ],
    StreamSpecification: stream ? { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } : undefined,
  };
}

/** Creates the raw SDK's and castore's tables (eventfold's come from its own definitions). */
export async function createBaselineTables(
  client: DynamoDBClient,
  raw: string,
  castore: string,
): Promise<void> {
  await ensureTable(client, eventsTableDefinition(raw));
  await ensureTable(client, castoreTableDefinition(castore));
}

/** Runs one round of a workload for one subject; returns events per second. */
async function runRound(subject: AppendSubject, workload: AppendWorkload, round: number): Promise<number> {
  const { ms } = await timed(() =>
    inParallel(workload.inFlight, workload.inFlight, async (writer) => {
      const stream = `Bench#${workload.name.replace(/\W/g, '')}-${subject.name.replace(/\W/g, '')}-r${round}-w${writer}`;
      for (let c = 0; c < workload.commitsPerWriter; c += 1) {
        await subject.append(stream, c * workload.eventsPerCommit, workload.eventsPerCommit);
      }
    }),
  );
  const events = workload.inFlight * workload.commitsPerWriter * workload.eventsPerCommit;
  return events / (ms / 1000);
}

/**
 * Runs every subject on the workload, interleaved round by round (subject order rotates each round), and
 * reports the median events/s of each with its ratio to the raw SDK's median.
 */
export async function benchAppend(
  subjects: readonly AppendSubject[],
  workload: AppendWorkload,
  rounds: number,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const samples = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
  await runRound(subjects[0]!, { ...workload, commitsPerWriter: 2 }, -1); // warm-up: connections, JIT
  for (let round = 0; round < rounds; round += 1) {
    const order = subjects.map((_, i) => subjects[(i + round) % subjects.length]!);
    for (const subject of order) {
      const rate = await runRound(subject, workload, round);
      samples.get(subject.name)!.push(rate);
      log(
        `append ${workload.name} round ${round + 1}/${rounds} ${subject.name}: ${rate.toFixed(0)} events/s`,
      );
    }
  }
  const baseline = median(samples.get('raw SDK') ?? [1]);
  return subjects.map((subject) => {
    const value = median(samples.get(subject.name)!);
    return {
      suite: 'append',
      case: workload.name,
      subject: subject.name,
      metric: 'events/s (median)',
      value,
      unit: 'events/s',
      ratio: value / baseline,
      note: `${rounds} rounds: ${samples
        .get(subject.name)!
        .map((v) => v.toFixed(0))
        .join(', ')}`,
    };
  });
}
