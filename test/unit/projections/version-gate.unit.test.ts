import fc from 'fast-check';
import { decide, decideRelease } from '../../../src/projections/version-gate';

describe('version gate', () => {
  it('skips versions at or below the last applied, applies the next, reports a gap beyond it', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000 }), fc.integer({ min: 1, max: 1_002 }), (applied, delivered) => {
        const decision = decide({ version: applied }, delivered);
        if (delivered <= applied) expect(decision).toBe('duplicate');
        else if (delivered === applied + 1) expect(decision).toBe('apply');
        else expect(decision).toBe('gap');
      }),
    );
  });

  it('holds every version of a parked stream', () => {
    const parked = { version: 3, parked: { version: 4, error: 'x', parkedAt: 't' } };
    expect([1, 3, 4, 5, 9].map((v) => decide(parked, v))).toEqual(['held', 'held', 'held', 'held', 'held']);
  });

  it('releases only the parked version right after the gate', () => {
    const parked = { version: 3, parked: { version: 4, error: 'x', parkedAt: 't' } };
    expect(decideRelease(parked, 4)).toBe('release');
    expect(decideRelease(parked, 5)).toBe('stale');
    expect(decideRelease({ version: 4 }, 4)).toBe('stale');
  });
});
