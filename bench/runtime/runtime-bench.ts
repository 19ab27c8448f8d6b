import { waitFor } from '../../src/infrastructure/local/free-port';
import { type ProcessRss, totalRssMiB } from '../lib/process-tree';
import type { BenchRow } from '../lib/report';
import { median } from '../lib/stats';
import { type StartedSubject, startDynamoDbLocalAlone, startNpmRuntime } from './runtime-subjects';

/** The suite's name in the rows, and its two subjects. */
export const RUNTIME_SUITE = 'runtime';
export const NPM_START = 'npm start';
export const DYNAMODB_LOCAL_ALONE = 'DynamoDB Local alone';

interface Sample {
  readonly readyMs: number;
  readonly rss: ProcessRss[];
}

/** Samples the tree's resident set every 500 ms for `idleMs` after ready, and keeps the last sample. */
async function idleRss(subject: StartedSubject, idleMs: number): Promise<ProcessRss[]> {
  const until = Date.now() + idleMs;
  let last = subject.rss();
  await waitFor(
    async () => {
      last = subject.rss();
      return Date.now() >= until;
    },
    'the idle window',
    idleMs + 10_000,
  );
  return last;
}

async function sample(start: () => Promise<StartedSubject>, idleMs: number): Promise<Sample> {
  const subject = await start();
  try {
    return { readyMs: subject.readyMs, rss: await idleRss(subject, idleMs) };
  } finally {
    await subject.stop();
  }
}

/** What a process of the tree is, from its command line. */
function roleOf(p: ProcessRss): string {
  if (p.name === 'java') return 'DynamoDB Local';
  if (p.commandLine.includes('scripts/start.js') || p.commandLine.includes('main.ts')) return 'runtime';
  if (p.commandLine.includes('--input-type=module')) return 'SQS';
  if (p.commandLine.includes('esbuild')) return 'esbuild';
  if (p.name.startsWith('npm')) return 'npm';
  return p.name;
}

/** Each role's median RSS over the rounds (npm, runtime, DynamoDB Local, SQS, ...), for the note. */
function byProcess(samples: readonly Sample[]): string {
  const names = [...new Set(samples.flatMap((s) => s.rss.map(roleOf)))];
  return names
    .map((name) => {
      const mib = median(samples.map((s) => totalRssMiB(s.rss.filter((p) => roleOf(p) === name))));
      return `${name} ${mib.toFixed(0)}`;
    })
    .join(', ');
}

function rows(subject: string, samples: readonly Sample[], baseline?: readonly Sample[]): BenchRow[] {
  const ready = samples.map((s) => s.readyMs);
  const rss = samples.map((s) => totalRssMiB(s.rss));
  const ratio = (mine: number[], theirs?: number[]) =>
    theirs === undefined ? undefined : median(mine) / median(theirs);
  return [
    {
      suite: RUNTIME_SUITE,
      case: 'time to ready',
      subject,
      metric: 'median ready',
      value: median(ready),
      unit: 'ms',
      ratio: ratio(
        ready,
        baseline?.map((s) => s.readyMs),
      ),
      rounds: ready,
    },
    {
      suite: RUNTIME_SUITE,
      case: 'idle RSS, all processes',
      subject,
      metric: 'median RSS',
      value: median(rss),
      unit: 'MiB',
      ratio: ratio(
        rss,
        baseline?.map((s) => totalRssMiB(s.rss)),
      ),
      note: `median MiB by process: ${byProcess(samples)}`,
      rounds: rss,
    },
  ];
}

/**
 * The local runtime suite: `npm start` (fresh data folder each round) against DynamoDB Local alone in the same
 * data-folder mode, interleaved round by round with the order alternating; time to ready and the resident set of
 * every process of each after `idleMs` of idling. Medians of `rounds`.
 */
export async function benchRuntime(
  rounds: number,
  idleMs: number,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const npm: Sample[] = [];
  const alone: Sample[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ['npm', 'alone'] : ['alone', 'npm'];
    for (const which of order) {
      if (which === 'npm') npm.push(await sample(startNpmRuntime, idleMs));
      else alone.push(await sample(startDynamoDbLocalAlone, idleMs));
    }
    const a = npm.at(-1)!;
    const b = alone.at(-1)!;
    log(
      `runtime round ${round + 1}/${rounds}: npm start ready ${a.readyMs.toFixed(0)} ms, ${totalRssMiB(a.rss).toFixed(0)} MiB; ` +
        `DynamoDB Local alone ${b.readyMs.toFixed(0)} ms, ${totalRssMiB(b.rss).toFixed(0)} MiB`,
    );
  }
  return [...rows(NPM_START, npm, alone), ...rows(DYNAMODB_LOCAL_ALONE, alone)];
}
