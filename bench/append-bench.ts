import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { BenchRow } from './lib/report';
import { inParallel, listed, median, timed } from './lib/stats';
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

/** One round's measurement: throughput, the bench process's CPU per event, and the emulator's when it could be read. */
interface RoundSample {
  readonly eventsPerSecond: number;
  readonly clientCpuUsPerEvent: number;
  readonly serverCpuUsPerEvent: number | undefined;
}

/** CPU (user + system) this process has used so far, in µs. */
function ownCpuUs(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Runs one round of a workload for one subject. */
async function runRound(
  subject: AppendSubject,
  workload: AppendWorkload,
  round: number,
): Promise<RoundSample> {
  const cpuBefore = subject.serverCpuMs?.();
  const clientBefore = ownCpuUs();
  const { ms } = await timed(() =>
    inParallel(workload.inFlight, workload.inFlight, async (writer) => {
      const stream = `Bench#${workload.name.replace(/\W/g, '')}-r${round}-w${writer}`;
      for (let c = 0; c < workload.commitsPerWriter; c += 1) {
        const expectedVersion = c * workload.eventsPerCommit;
        await subject.append(stream, expectedVersion, workload.eventsPerCommit).catch((error: unknown) => {
          const where = `${subject.name}, ${workload.name}, stream ${stream} at version ${expectedVersion}`;
          throw new Error(`append failed (${where}): ${String(error)}`, { cause: error });
        });
      }
    }),
  );
  const clientCpuUs = ownCpuUs() - clientBefore;
  const cpuAfter = subject.serverCpuMs?.();
  const events = workload.inFlight * workload.commitsPerWriter * workload.eventsPerCommit;
  const serverCpuUsPerEvent =
    cpuBefore !== undefined && cpuAfter !== undefined ? ((cpuAfter - cpuBefore) * 1000) / events : undefined;
  return {
    eventsPerSecond: events / (ms / 1000),
    clientCpuUsPerEvent: clientCpuUs / events,
    serverCpuUsPerEvent,
  };
}

/** How many rounds of a workload run, and how many uncounted warm-up rounds each subject gets before them. */
export interface AppendRounds {
  readonly measured: number;
  readonly warmUp: number;
}

/**
 * Runs every subject on the workload: first `rounds.warmUp` uncounted warm-up rounds each (connections, and the
 * JIT of the subject's own DynamoDB Local, which keeps getting faster over the first rounds of a fresh instance),
 * then the measured rounds interleaved (subject order rotates each round). Reports the median events/s of each
 * with its ratio to the baseline's (the raw SDK's) median and every round's events/s, and in the note the
 * median CPU per event of the bench process (the subject's client side: its code, the SDK, HTTP) and of its
 * DynamoDB Local.
 */
export async function benchAppend(
  subjects: readonly AppendSubject[],
  workload: AppendWorkload,
  rounds: AppendRounds,
  log: (line: string) => void,
  baselineName = 'raw SDK',
): Promise<BenchRow[]> {
  const samples = new Map<string, RoundSample[]>(subjects.map((s) => [s.name, []]));
  for (let warmUp = 1; warmUp <= rounds.warmUp; warmUp += 1) {
    log(`append ${workload.name} warm-up round ${warmUp}/${rounds.warmUp} (not counted)`);
    for (const subject of subjects) await runRound(subject, workload, -warmUp);
  }
  for (let round = 0; round < rounds.measured; round += 1) {
    const order = subjects.map((_, i) => subjects[(i + round) % subjects.length]!);
    for (const subject of order) {
      const sample = await runRound(subject, workload, round);
      samples.get(subject.name)!.push(sample);
      log(
        `append ${workload.name} round ${round + 1}/${rounds.measured} ${subject.name}: ` +
          `${sample.eventsPerSecond.toFixed(0)} events/s, client ${sample.clientCpuUsPerEvent.toFixed(0)} µs/event` +
          (sample.serverCpuUsPerEvent === undefined
            ? ''
            : `, server ${sample.serverCpuUsPerEvent.toFixed(0)} µs/event`),
      );
    }
  }
  const rates = (name: string) => (samples.get(name) ?? []).map((s) => s.eventsPerSecond);
  const baseline = median(rates(baselineName).length > 0 ? rates(baselineName) : [1]);
  return subjects.map((subject) => {
    const value = median(rates(subject.name));
    const cpu = samples
      .get(subject.name)!
      .flatMap((s) => (s.serverCpuUsPerEvent === undefined ? [] : [s.serverCpuUsPerEvent]));
    const client = median(samples.get(subject.name)!.map((s) => s.clientCpuUsPerEvent));
    const cpuNote =
      `; client CPU ${client.toFixed(0)} µs/event` +
      (cpu.length > 0 ? `, DynamoDB Local CPU ${median(cpu).toFixed(0)} µs/event` : '') +
      ' (medians)';
    return {
      suite: 'append',
      case: workload.name,
      subject: subject.name,
      metric: 'events/s (median)',
      value,
      unit: 'events/s',
      ratio: value / baseline,
      note: `${rounds.measured} rounds: ${listed(rates(subject.name))}${cpuNote}`,
      rounds: rates(subject.name),
    };
  });
}
