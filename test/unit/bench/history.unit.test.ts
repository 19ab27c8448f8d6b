import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BenchHistory, withRun } from '../../../bench/lib/history';
import type { BenchReport } from '../../../bench/lib/report';

const report = (quick: boolean): BenchReport => ({
  startedAt: '2026-12-05T17:00:00.000Z',
  machine: { cpus: 2, memoryGiB: 24, node: 'v20.20.2', platform: 'linux' },
  quick,
  rows: [
    { suite: 'runtime', case: 'time to ready', subject: 'npm start', metric: 'm', value: 1, unit: 'ms' },
  ],
  targets: [{ target: 'ready within 2x', measured: '1.50x', met: true }],
});

const empty: BenchHistory = { about: 'a', runs: [], otherRuns: [] };

describe('bench history', () => {
  it('appends a full run to the runs, after the ones recorded, with its machine, rows and targets', () => {
    const once = withRun(empty, report(false), ['append', 'runtime'], true);
    const twice = withRun(once, { ...report(false), startedAt: '2026-12-06T00:00:00.000Z' }, [], true);
    expect(twice.runs.map((r) => r.startedAt)).toEqual([
      '2026-12-05T17:00:00.000Z',
      '2026-12-06T00:00:00.000Z',
    ]);
    expect(twice.runs[0]).toMatchObject({
      kind: 'full',
      rows: report(false).rows,
      targets: report(false).targets,
    });
    expect(twice.otherRuns).toEqual([]);
  });

  it('keeps a run of some suites apart, naming them, and leaves quick runs out', () => {
    const some = withRun(empty, report(false), ['runtime'], false);
    expect(some.runs).toEqual([]);
    expect(some.otherRuns[0]!.kind).toBe('suites: runtime');
    expect(withRun(empty, report(true), ['runtime'], true)).toBe(empty);
  });

  it('holds every full run of the prose history it replaced, each with figures', () => {
    const file = join(__dirname, '..', '..', '..', 'bench', 'results', 'history.json');
    const history = JSON.parse(readFileSync(file, 'utf8')) as BenchHistory;
    const full = history.runs.filter((r) => r.kind === 'full');
    // The nineteen runs of the old history table, and three earlier ones whose results were committed.
    expect(full.length).toBeGreaterThanOrEqual(22);
    for (const run of full) expect(run.summary !== undefined || (run.rows?.length ?? 0) > 0).toBe(true);
  });
});
