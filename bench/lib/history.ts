import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { BenchReport } from './report';

/** One recorded run: when, which suites, and what it measured. */
export interface HistoryEntry {
  readonly startedAt: string;
  /** `full` for a run of every suite; otherwise the suites it ran, e.g. `suites: runtime`. */
  readonly kind: string;
  readonly label?: string;
  readonly machine?: BenchReport['machine'];
  readonly rows?: BenchReport['rows'];
  readonly targets?: BenchReport['targets'];
  /** Figures of runs recorded before the history was kept as JSON (see `about`). */
  readonly summary?: unknown;
}

/** The benchmark history: full runs in `runs`, runs of some suites only in `otherRuns`, oldest first. */
export interface BenchHistory {
  readonly about: string;
  readonly runs: readonly HistoryEntry[];
  readonly otherRuns: readonly HistoryEntry[];
}

const ABOUT =
  'One entry per benchmark run, oldest first, appended by bench/lib/report.ts: full runs in `runs`, runs of ' +
  'some suites in `otherRuns` (quick runs are not kept).';

/** Reads the history file, or an empty history where there is none yet. */
export function readHistory(file: string): BenchHistory {
  if (!existsSync(file)) return { about: ABOUT, runs: [], otherRuns: [] };
  return JSON.parse(readFileSync(file, 'utf8')) as BenchHistory;
}

/**
 * The history with a finished run added: a run of every suite to `runs`, one of some suites to `otherRuns`. A quick
 * run is not recorded (the history is returned as it is): its rounds are too few to compare with full runs.
 */
export function withRun(
  history: BenchHistory,
  report: BenchReport,
  suites: readonly string[],
  full: boolean,
): BenchHistory {
  if (report.quick) return history;
  const entry: HistoryEntry = {
    startedAt: report.startedAt,
    kind: full ? 'full' : `suites: ${suites.join(',')}`,
    machine: report.machine,
    rows: report.rows,
    targets: report.targets,
  };
  return full
    ? { ...history, runs: [...history.runs, entry] }
    : { ...history, otherRuns: [...history.otherRuns, entry] };
}

/** Appends a finished run to the history file, created when missing (see `withRun`). */
export function appendToHistory(
  report: BenchReport,
  file: string,
  suites: readonly string[],
  full: boolean,
): void {
  if (report.quick) return;
  const history = withRun(readHistory(file), report, suites, full);
  writeFileSync(file, `${JSON.stringify(history, null, 2)}\n`);
}
