import type { BenchRow } from './lib/report';
import { median } from './lib/stats';
import { coldStartTargets } from './cold-start/cold-start-suite';
import { runtimeTargets } from './runtime/runtime-targets';
import { RAW_SDK_TWIN } from './subjects/raw-sdk-subject';

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

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The A/A twins' spread as the targets table reports it beside a measurement ('' without the twin). */
const spreadNote = (floor: number | undefined) =>
  floor === undefined ? '' : `; A/A twins ${pct(floor)} apart`;

/** The median of the per-round ratios of `a` to `b` (the same round of an interleaved run), when both list them. */
export function pairedRatio(a: BenchRow, b: BenchRow): number | undefined {
  const bRounds = b.rounds;
  if (!a.rounds || !bRounds || a.rounds.length !== bRounds.length || a.rounds.length === 0) return undefined;
  return median(a.rounds.map((value, i) => value / bRounds[i]!));
}

/**
 * How far apart two identical subjects came out in this run (the raw SDK and its twin on another DynamoDB Local):
 * the larger deviation from 1 of the ratio of their medians and of their paired ratio; undefined without the twin.
 */
export function noiseFloor(raw: BenchRow | undefined, twin: BenchRow | undefined): number | undefined {
  if (!raw || !twin) return undefined;
  const paired = pairedRatio(twin, raw);
  const deviations = [twin.value / raw.value, ...(paired === undefined ? [] : [paired])].map((r) =>
    Math.abs(r - 1),
  );
  return Math.max(...deviations);
}

/**
 * "faster than castore" for one case: met only when the ratio of the medians and the paired ratio both clear
 * the margin, the larger of `TIE_MARGIN` and the run's own noise floor.
 */
export function fasterThanCastore(
  ours: BenchRow,
  castore: BenchRow,
  floor: number | undefined,
): { measured: string; met: boolean } {
  const ratio = ours.value / castore.value;
  const paired = pairedRatio(ours, castore);
  const margin = Math.max(TIE_MARGIN, floor ?? 0);
  const lowest = Math.min(ratio, paired ?? ratio);
  const highest = Math.max(ratio, paired ?? ratio);
  const tie = lowest < 1 + margin && highest > 1 - margin;
  const parts = [
    `${ratio.toFixed(2)}x`,
    paired === undefined ? '' : ` (${paired.toFixed(2)}x paired by round)`,
    spreadNote(floor),
    tie ? `; a tie: within ${pct(margin)}` : '',
  ];
  return { measured: parts.join(''), met: lowest >= 1 + margin };
}

/**
 * "append overhead vs raw SDK <= 10%" for one case. The verdict takes the ratio of the medians, as the issue
 * states the target; the overhead paired by round and the A/A twins' spread are reported beside it, so that a
 * reader can tell an overhead past the line from one run's noise.
 */
export function appendOverhead(
  ours: BenchRow,
  raw: BenchRow,
  floor: number | undefined,
): { measured: string; met: boolean } {
  const overhead = raw.value / ours.value - 1;
  const paired = pairedRatio(ours, raw);
  const parts = [
    pct(overhead),
    paired === undefined ? '' : ` (${pct(1 / paired - 1)} paired by round)`,
    spreadNote(floor),
  ];
  return { measured: parts.join(''), met: overhead <= 0.1 };
}

/** Checks the targets against the measured rows; a target whose rows were not measured is left out. */
export function targetsOf(
  rows: readonly BenchRow[],
): Array<{ target: string; measured: string; met: boolean }> {
  const targets: Array<{ target: string; measured: string; met: boolean }> = [];
  for (const caseName of [...new Set(rows.filter((r) => r.suite === 'append').map((r) => r.case))]) {
    const ours = find(rows, 'append', caseName, 'eventfold');
    const castore = find(rows, 'append', caseName, 'castore');
    const raw = find(rows, 'append', caseName, 'raw SDK');
    const floor = noiseFloor(raw, find(rows, 'append', caseName, RAW_SDK_TWIN));
    if (ours && raw) {
      targets.push({
        target: `append overhead vs raw SDK <= 10% (${caseName})`,
        ...appendOverhead(ours, raw, floor),
      });
    }
    if (ours && castore) {
      targets.push({
        target: `faster than castore (${caseName})`,
        ...fasterThanCastore(ours, castore, floor),
      });
    }
  }
  const cpu = find(rows, 'client-cpu', 'existing aggregate', 'eventfold');
  if (cpu?.ratio !== undefined) {
    targets.push({
      target: 'client CPU per command on an existing aggregate at most 1.15x castore',
      measured: `${cpu.ratio.toFixed(2)}x (paired rounds; eventfold ${cpu.value.toFixed(0)} µs)`,
      met: cpu.ratio <= 1.15,
    });
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
  targets.push(...coldStartTargets(rows));
  targets.push(...runtimeTargets(rows));
  return targets;
}
