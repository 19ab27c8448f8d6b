import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow } from '../lib/report';
import { median } from '../lib/stats';
import { type ColdStart, coldStartOnce } from './fresh-process';
import {
  BASELINE_SUBJECT,
  type BuiltBundle,
  FLOOR_SUBJECT,
  FUNCTION_SUBJECTS,
  buildBundle,
  isReference,
} from './function-bundles';

/** Targets of issue 24: init CPU within 1.3x the baseline's, each function bundle at most 900 KB. */
export const COLD_START_TARGETS = { initCpuRatio: 1.3, bundleKb: 900 } as const;

/** The medians of one bundle's cold starts. */
export interface ColdStartRow {
  readonly name: string;
  readonly bundleKb: number;
  readonly initCpuMs: number;
  readonly wallMs: number;
  readonly rssMiB: number;
  /** The median of the per-round ratios of this bundle's init CPU to the baseline's in the same round. */
  readonly initCpuVsBaseline: number;
  readonly runs: number;
  /** Each fresh process's init CPU, in ms, in the order the rounds ran. */
  readonly initCpuRounds: readonly number[];
}

function rowOf(
  built: BuiltBundle,
  starts: readonly ColdStart[],
  baseline: readonly ColdStart[],
): ColdStartRow {
  return {
    name: built.subject.name,
    bundleKb: Math.round(built.bytes / 1024),
    initCpuMs: median(starts.map((s) => s.initCpuMs)),
    wallMs: median(starts.map((s) => s.wallMs)),
    rssMiB: median(starts.map((s) => s.rss / 2 ** 20)),
    initCpuVsBaseline: median(starts.map((s, i) => s.initCpuMs / baseline[i]!.initCpuMs)),
    runs: starts.length,
    initCpuRounds: starts.map((s) => s.initCpuMs),
  };
}

/**
 * Builds the baseline and the four function bundles, then starts each `runs` times in a fresh process, the
 * bundles interleaved round by round (baseline first in each round), and returns the medians per bundle.
 */
export function measureColdStarts(runs: number, log: (line: string) => void): ColdStartRow[] {
  const bundles = [BASELINE_SUBJECT, FLOOR_SUBJECT, ...FUNCTION_SUBJECTS].map((subject) =>
    buildBundle(subject),
  );
  const starts: ColdStart[][] = bundles.map(() => []);
  for (let round = 0; round < runs; round += 1) {
    bundles.forEach((built, i) =>
      starts[i]!.push(coldStartOnce(built.file, built.subject.event, built.subject.expectedError)),
    );
    log(`cold start round ${round + 1}/${runs}`);
  }
  return bundles.map((built, i) => rowOf(built, starts[i]!, starts[0]!));
}

const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

/** The table of a run, with the targets each function meets. */
export function coldStartMarkdown(rows: readonly ColdStartRow[]): string {
  const lines = [
    '| bundle | KB | init CPU ms | vs baseline | wall ms | RSS MiB | KB target | CPU target |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) =>
      [
        r.name,
        r.bundleKb,
        r.initCpuMs.toFixed(0),
        `${r.initCpuVsBaseline.toFixed(2)}x`,
        r.wallMs.toFixed(0),
        r.rssMiB.toFixed(1),
        isReference(r.name) ? '' : met(r.bundleKb <= COLD_START_TARGETS.bundleKb),
        isReference(r.name) ? '' : met(r.initCpuVsBaseline <= COLD_START_TARGETS.initCpuRatio),
      ].join(' | '),
    ),
  ].map((line) => (line.startsWith('|') ? line : `| ${line} |`));
  return `# Cold starts, medians of ${rows[0]?.runs ?? 0} fresh processes\n\n${lines.join('\n')}\n`;
}

/** The suite's name in the report's rows. */
export const COLD_START_SUITE = 'cold-start';

/** The report's rows of a run (init CPU with its ratio to the baseline, bundle size), for the history. */
export function coldStartBenchRows(rows: readonly ColdStartRow[]): BenchRow[] {
  return rows.flatMap((r) => [
    {
      suite: COLD_START_SUITE,
      case: 'init CPU, fresh process',
      subject: r.name,
      metric: 'median init CPU',
      value: r.initCpuMs,
      unit: 'ms',
      ratio: r.initCpuVsBaseline,
      note: `median of per-round ratios to the baseline; wall ${r.wallMs.toFixed(0)} ms, RSS ${r.rssMiB.toFixed(1)} MiB`,
      rounds: r.initCpuRounds,
    },
    {
      suite: COLD_START_SUITE,
      case: 'bundle size',
      subject: r.name,
      metric: 'size',
      value: r.bundleKb,
      unit: 'KiB',
    },
  ]);
}

/**
 * The cold-start suite: measures, logs the table, writes cold-start.json and cold-start.md to `outDir`, and returns
 * the rows the report and the history keep.
 */
export function coldStartSuite(outDir: string, runs: number, log: (line: string) => void): BenchRow[] {
  const rows = measureColdStarts(runs, log);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, 'cold-start.json'),
    `${JSON.stringify({ node: process.version, rows }, null, 2)}\n`,
  );
  const markdown = coldStartMarkdown(rows);
  writeFileSync(join(outDir, 'cold-start.md'), markdown);
  log(`\n${markdown}`);
  return coldStartBenchRows(rows);
}

/** The targets of issue 24 per function, where the suite ran: init CPU within 1.3x, at most 900 KB. */
export function coldStartTargets(
  rows: readonly BenchRow[],
): Array<{ target: string; measured: string; met: boolean }> {
  const mine = rows.filter((r) => r.suite === COLD_START_SUITE && !isReference(r.subject));
  return mine.map((r) =>
    r.unit === 'ms'
      ? {
          target: `${r.subject}: init CPU at most ${COLD_START_TARGETS.initCpuRatio}x the baseline's`,
          measured: `${r.ratio!.toFixed(2)}x (median ${r.value.toFixed(0)} ms)`,
          met: r.ratio! <= COLD_START_TARGETS.initCpuRatio,
        }
      : {
          target: `${r.subject}: bundle at most ${COLD_START_TARGETS.bundleKb} KB`,
          measured: `${r.value} KiB`,
          met: r.value <= COLD_START_TARGETS.bundleKb,
        },
  );
}
