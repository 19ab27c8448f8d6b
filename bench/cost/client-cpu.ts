import { startDynamoDbLocal } from '../../src/infrastructure/local/dynamodb-local';
import type { BenchRow } from '../lib/report';
import { median } from '../lib/stats';
import { castoreCostSubject } from './castore-cost-subject';
import type { CostSubject } from './cost-subject';
import { eventfoldCostSubject } from './eventfold-cost-subject';

/** A command kind of the CPU suite: what each measured command needs first (not measured), and the command. */
interface CpuCase {
  readonly name: string;
  prepare(subject: CostSubject, account: string): Promise<void>;
  run(subject: CostSubject, account: string): Promise<void>;
}

const CASES: readonly CpuCase[] = [
  { name: 'create', prepare: async () => {}, run: (s, account) => s.openAccount(account, 1_000) },
  {
    name: 'existing aggregate',
    prepare: (s, account) => s.openAccount(account, 1_000),
    run: (s, account) => s.renameHolder(account, 'A new holder name'),
  },
];

/** The client's CPU time (user + system) in µs. */
const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** µs of this process's CPU per command of a block of `commands` commands, after its set-up and a collection. */
async function measureBlock(subject: CostSubject, cpuCase: CpuCase, block: string, commands: number) {
  const accounts = Array.from({ length: commands }, (_, i) => `cpu-${block}-${i}`);
  for (const account of accounts) await cpuCase.prepare(subject, account);
  (globalThis as { gc?: () => void }).gc?.();
  const before = cpuMicros();
  for (const account of accounts) await cpuCase.run(subject, account);
  return (cpuMicros() - before) / commands;
}

/**
 * Client CPU per command, eventfold against castore, in one process on one DynamoDB Local (each subject on tables
 * of its own, with the cost suite's clients and the meter off): for each case, `rounds` rounds of `commands`
 * commands per subject, interleaved with the order alternating, after one warm-up round. Only this process's CPU
 * counts (DynamoDB Local is a JVM of its own), so the figure is what a Lambda function spends per command.
 */
export async function benchClientCpu(
  rounds: number,
  commands: number,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const local = await startDynamoDbLocal();
  const subjects = [
    await eventfoldCostSubject(local.endpoint, 'cpu-ef-'),
    await castoreCostSubject(local.endpoint, 'cpu-castore'),
  ];
  try {
    subjects.forEach((subject) => (subject.meter.on = false));
    const rows: BenchRow[] = [];
    for (const cpuCase of CASES) {
      rows.push(...cpuRows(cpuCase.name, await interleaved(subjects, cpuCase, rounds, commands)));
      log(`client-cpu: ${cpuCase.name} measured`);
    }
    return rows;
  } finally {
    for (const subject of subjects) await subject.close();
    await local.stop();
  }
}

/** Each subject's µs per command in every measured round, after a warm-up round; the order alternates. */
async function interleaved(
  subjects: readonly CostSubject[],
  cpuCase: CpuCase,
  rounds: number,
  commands: number,
): Promise<Map<string, number[]>> {
  const perSubject = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
  for (let round = -1; round < rounds; round += 1) {
    const order = round % 2 === 0 ? subjects : [...subjects].reverse();
    for (const subject of order) {
      const block = `${cpuCase.name.replace(/\W+/g, '-')}-${round}`;
      const micros = await measureBlock(subject, cpuCase, block, commands);
      if (round >= 0) perSubject.get(subject.name)!.push(micros);
    }
  }
  return perSubject;
}

/** The rows of one case: each subject's median µs per command, eventfold's with the paired ratio to castore. */
function cpuRows(caseName: string, perSubject: ReadonlyMap<string, number[]>): BenchRow[] {
  const castore = perSubject.get('castore')!;
  return [...perSubject].map(([subject, rounds]) => {
    const paired = subject === 'castore' ? undefined : median(rounds.map((value, i) => value / castore[i]!));
    return {
      suite: 'client-cpu',
      case: caseName,
      subject,
      metric: 'client CPU per command',
      value: median(rounds),
      unit: 'µs',
      rounds,
      ...(paired === undefined ? {} : { ratio: paired, note: 'median of the per-round ratios to castore' }),
    };
  });
}
