import type { BenchRow } from '../../../bench/lib/report';
import { DYNAMODB_LOCAL_ALONE, NPM_START, RUNTIME_SUITE } from '../../../bench/runtime/runtime-bench';
import { runtimeTargets } from '../../../bench/runtime/runtime-targets';

const row = (caseName: string, subject: string, value: number): BenchRow => ({
  suite: RUNTIME_SUITE,
  case: caseName,
  subject,
  metric: 'median',
  value,
  unit: caseName === 'time to ready' ? 'ms' : 'MiB',
});

const rows = (readyMs: number, aloneMs: number, rssMiB: number) => [
  row('time to ready', NPM_START, readyMs),
  row('time to ready', DYNAMODB_LOCAL_ALONE, aloneMs),
  row('idle RSS, all processes', NPM_START, rssMiB),
];

describe('local runtime targets', () => {
  it('meets both at the lines: ready at 2x of DynamoDB Local alone, idle at 350 MiB', () => {
    expect(runtimeTargets(rows(6000, 3000, 350)).map((t) => t.met)).toEqual([true, true]);
  });

  it('misses each past its line and says by how much', () => {
    const [ready, idle] = runtimeTargets(rows(9000, 3000, 351));
    expect(ready).toMatchObject({ met: false, measured: '3.00x (medians 9000 vs 3000 ms)' });
    expect(idle).toMatchObject({ met: false, measured: '351 MiB (median)' });
  });

  it('judges nothing where the runtime suite did not run', () => {
    expect(runtimeTargets([])).toEqual([]);
  });
});
