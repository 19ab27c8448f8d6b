import type { BenchRow } from './lib/report';

function find(
  rows: readonly BenchRow[],
  suite: string,
  caseName: string,
  subject: string,
  metric?: string,
): BenchRow | undefined {
  return rows.find(
    (r) =>
      r.suite === suite &&
      r.case === caseName &&
      r.subject === subject &&
      (metric === undefined || r.metric === metric),
  );
}

/** Medians closer than this count as a tie, not as faster: rounds on this machine vary by more. */
const TIE_MARGIN = 0.05;

/** Checks the issue's targets against the measured rows; a target whose rows were not measured is left out. */
export function targetsOf(
  rows: readonly BenchRow[],
): Array<{ target: string; measured: string; met: boolean }> {
  const targets: Array<{ target: string; measured: string; met: boolean }> = [];
  for (const caseName of [...new Set(rows.filter((r) => r.suite === 'append').map((r) => r.case))]) {
    const ours = find(rows, 'append', caseName, 'eventfold');
    const castore = find(rows, 'append', caseName, 'castore');
    if (ours?.ratio !== undefined) {
      const overhead = 1 / ours.ratio - 1;
      targets.push({
        target: `append overhead vs raw SDK <= 10% (${caseName})`,
        measured: `${(overhead * 100).toFixed(1)}%`,
        met: overhead <= 0.1,
      });
    }
    if (ours && castore) {
      const ratio = ours.value / castore.value;
      const tie = Math.abs(ratio - 1) < TIE_MARGIN;
      targets.push({
        target: `faster than castore (${caseName})`,
        measured: `${ratio.toFixed(2)}x${tie ? ` (a tie: within ${TIE_MARGIN * 100}%)` : ''}`,
        met: ratio >= 1 + TIE_MARGIN,
      });
    }
  }
  const load100 = find(rows, 'load', '100 events', 'snapshot every 100');
  const load10k = find(rows, 'load', '10000 events', 'snapshot every 100');
  if (load100 && load10k) {
    const ratio = load10k.value / load100.value;
    targets.push({
      target: 'load 10,000 events with snapshots within 1.5x of 100',
      measured: `${ratio.toFixed(2)}x`,
      met: ratio <= 1.5,
    });
  }
  const replay10k = find(rows, 'replay', '10000 events', 'eventfold', 'peak RSS');
  const replay100k = find(rows, 'replay', '100000 events', 'eventfold', 'peak RSS');
  if (replay10k && replay100k) {
    const ratio = replay100k.value / replay10k.value;
    targets.push({
      target: 'replay peak memory (RSS) at 100,000 events within 1.2x of 10,000',
      measured: `${ratio.toFixed(2)}x (medians ${replay100k.value.toFixed(0)} vs ${replay10k.value.toFixed(0)} MiB)`,
      met: ratio <= 1.2,
    });
  }
  return targets;
}
