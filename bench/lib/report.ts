import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendToHistory } from './history';
import { barChartSvg } from './svg-chart';

/** One row of a benchmark table. */
export interface BenchRow {
  readonly suite: string;
  readonly case: string;
  readonly subject: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  /** The value divided by the baseline's, where the case has one. */
  readonly ratio?: number;
  readonly note?: string;
  /** The value of each measured round, in the order the rounds ran (where the value is a median of rounds). */
  readonly rounds?: readonly number[];
}

/** A finished benchmark run. */
export interface BenchReport {
  readonly startedAt: string;
  readonly machine: {
    readonly cpus: number;
    readonly memoryGiB: number;
    readonly node: string;
    readonly platform: string;
  };
  /**
   * A `--quick` run: fewer rounds of shorter workloads and the small sizes only (`bench/run.ts` sets them). Its
   * target verdicts are printed as indicative; a target is judged on a full run.
   */
  readonly quick: boolean;
  readonly rows: readonly BenchRow[];
  readonly targets: ReadonlyArray<{
    readonly target: string;
    readonly measured: string;
    readonly met: boolean;
  }>;
}

function formatValue(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(2);
}

/** What a quick run's report says above its targets. */
const QUICK_NOTE =
  'A quick run (`--quick`): fewer rounds of shorter workloads and the small sizes only, too few to tell subjects a few ' +
  'percent apart on this machine. The verdicts below are indicative; the targets are judged on a full `npm run bench`.';

/** The report as a Markdown table. */
export function toMarkdown(report: BenchReport): string {
  const header =
    '| suite | case | subject | metric | value | unit | ratio | note |\n|---|---|---|---|---:|---|---:|---|';
  const rows = report.rows.map(
    (r) =>
      `| ${r.suite} | ${r.case} | ${r.subject} | ${r.metric} | ${formatValue(r.value)} | ${r.unit} | ${r.ratio === undefined ? '' : r.ratio.toFixed(3)} | ${r.note ?? ''} |`,
  );
  const verdict = (met: boolean) =>
    (met ? 'met' : 'NOT met') + (report.quick ? ' (quick run: indicative)' : '');
  const targets = report.targets.map((t) => `| ${t.target} | ${t.measured} | ${verdict(t.met)} |`);
  const m = report.machine;
  return [
    `# eventfold benchmark${report.quick ? ' (quick run)' : ''} — ${report.startedAt}`,
    '',
    `Machine: ${m.cpus} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}.`,
    '',
    header,
    ...rows,
    '',
    ...(report.quick ? [QUICK_NOTE, ''] : []),
    '| target | measured | verdict |\n|---|---|---|',
    ...targets,
    '',
  ].join('\n');
}

/**
 * Prints the table, writes JSON, Markdown and an SVG chart under `dir`, and appends the run to `dir/history.json`
 * (not a quick run; `suites` and `full` say which suites it ran, see `appendToHistory`).
 */
export function writeReport(
  report: BenchReport,
  dir: string,
  run: { readonly suites: readonly string[]; readonly full: boolean } = { suites: [], full: false },
): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, 'latest.md'), toMarkdown(report));
  const ratioRows = report.rows.filter((r) => r.suite === 'append' && r.ratio !== undefined);
  writeFileSync(
    join(dir, 'latest.svg'),
    barChartSvg(
      'Throughput relative to the raw AWS SDK (higher is better)',
      ratioRows.map((r) => ({ label: `${r.case} · ${r.subject}`, value: r.ratio! })),
    ),
  );
  appendToHistory(report, join(dir, 'history.json'), run.suites, run.full);
  console.log(toMarkdown(report));
}
