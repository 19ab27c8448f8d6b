import type { BenchRow } from '../lib/report';
import { DYNAMODB_LOCAL_ALONE, NPM_START, RUNTIME_SUITE } from './runtime-bench';

/** Ready within this multiple of DynamoDB Local alone (issue 24). */
export const READY_RATIO_TARGET = 2;
/** Idle resident set across every process of `npm start`, at most (issue 24). */
export const IDLE_RSS_TARGET_MIB = 350;

const row = (rows: readonly BenchRow[], caseName: string, subject: string) =>
  rows.find((r) => r.suite === RUNTIME_SUITE && r.case === caseName && r.subject === subject);

/** The local runtime's two targets, where the runtime suite ran. */
export function runtimeTargets(
  rows: readonly BenchRow[],
): Array<{ target: string; measured: string; met: boolean }> {
  const ready = row(rows, 'time to ready', NPM_START);
  const alone = row(rows, 'time to ready', DYNAMODB_LOCAL_ALONE);
  const rss = row(rows, 'idle RSS, all processes', NPM_START);
  const targets: Array<{ target: string; measured: string; met: boolean }> = [];
  if (ready && alone) {
    const ratio = ready.value / alone.value;
    targets.push({
      target: `npm start ready within ${READY_RATIO_TARGET}x of DynamoDB Local alone`,
      measured: `${ratio.toFixed(2)}x (medians ${ready.value.toFixed(0)} vs ${alone.value.toFixed(0)} ms)`,
      met: ratio <= READY_RATIO_TARGET,
    });
  }
  if (rss) {
    targets.push({
      target: `npm start idle at most ${IDLE_RSS_TARGET_MIB} MiB across its processes`,
      measured: `${rss.value.toFixed(0)} MiB (median)`,
      met: rss.value <= IDLE_RSS_TARGET_MIB,
    });
  }
  return targets;
}
