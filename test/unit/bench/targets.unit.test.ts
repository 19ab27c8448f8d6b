import type { BenchRow } from '../../../bench/lib/report';
import { appendOverhead, fasterThanCastore, noiseFloor, pairedRatio } from '../../../bench/targets';

const row = (subject: string, rounds: number[], value = median(rounds)): BenchRow => ({
  suite: 'append',
  case: '1-event commits',
  subject,
  metric: 'events/s (median)',
  value,
  unit: 'events/s',
  rounds,
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe('bench targets', () => {
  it('pairs rounds by position: a subject twice as fast in every round is 2x, whatever the drift', () => {
    const castore = row('castore', [100, 400, 900]);
    const ours = row('eventfold', [200, 800, 1800]);
    expect(pairedRatio(ours, castore)).toBe(2);
  });

  it('has no paired ratio when the rounds do not line up', () => {
    expect(pairedRatio(row('a', [1, 2]), row('b', [1, 2, 3]))).toBeUndefined();
    expect(pairedRatio({ ...row('a', [1]), rounds: undefined }, row('b', [1]))).toBeUndefined();
  });

  it('takes the noise floor from the larger deviation of the A/A twins', () => {
    const raw = row('raw SDK', [1000, 1000, 1000]);
    const twin = row('raw SDK (A/A twin)', [1080, 1000, 1000], 1000);
    expect(noiseFloor(raw, twin)).toBeCloseTo(0, 10);
    const slower = row('raw SDK (A/A twin)', [930, 930, 940]);
    expect(noiseFloor(raw, slower)).toBeCloseTo(0.07, 10);
    expect(noiseFloor(raw, undefined)).toBeUndefined();
  });

  it('calls a lead inside the noise floor a tie, not faster', () => {
    const castore = row('castore', [1000, 1000, 1000]);
    const ours = row('eventfold', [1080, 1080, 1080]);
    expect(fasterThanCastore(ours, castore, 0.02)).toEqual({
      measured: '1.08x (1.08x paired by round); A/A twins 2.0% apart',
      met: true,
    });
    expect(fasterThanCastore(ours, castore, 0.1)).toEqual({
      measured: '1.08x (1.08x paired by round); A/A twins 10.0% apart; a tie: within 10.0%',
      met: false,
    });
  });

  it('needs both the ratio of medians and the paired ratio to clear the margin', () => {
    const castore = row('castore', [1000, 1200, 1400]);
    const ours = row('eventfold', [1000, 1300, 1400]);
    expect(fasterThanCastore(ours, castore, undefined)).toEqual({
      measured: '1.08x (1.00x paired by round); a tie: within 5.0%',
      met: false,
    });
    const behind = fasterThanCastore(row('eventfold', [900, 1080, 1260]), castore, 0.03);
    expect(behind).toEqual({ measured: '0.90x (0.90x paired by round); A/A twins 3.0% apart', met: false });
  });

  it('judges the overhead by the ratio of the medians and reports the paired overhead and the A/A spread beside it', () => {
    const raw = row('raw SDK', [1000, 1100, 1200]);
    const within = appendOverhead(row('eventfold', [950, 1050, 1150]), raw, 0.04);
    expect(within).toEqual({ measured: '4.8% (4.8% paired by round); A/A twins 4.0% apart', met: true });
    const drifting = appendOverhead(row('eventfold', [1150, 900, 1050]), raw, undefined);
    expect(drifting).toEqual({ measured: '4.8% (14.3% paired by round)', met: true });
    const beyond = appendOverhead(row('eventfold', [800, 900, 1000]), raw, 0.02);
    expect(beyond.met).toBe(false);
    expect(beyond.measured).toBe('22.2% (22.2% paired by round); A/A twins 2.0% apart');
  });
});
