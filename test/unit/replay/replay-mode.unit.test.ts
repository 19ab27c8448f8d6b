import { parseReplayMode } from '../../../src/application/replay/replay-mode';
import { laggingStreams } from '../../../src/application/rebuild/flip-gate';
import fc from 'fast-check';

describe('replay modes from untrusted input', () => {
  it('accepts the three modes', () => {
    expect(parseReplayMode({ kind: 'all' })).toEqual({ kind: 'all' });
    expect(parseReplayMode({ kind: 'since', since: '2026-11-22T14:00:00.000Z' })).toEqual({
      kind: 'since',
      since: '2026-11-22T14:00:00.000Z',
    });
    expect(parseReplayMode({ kind: 'aggregate', streamId: 'Order#42' })).toEqual({
      kind: 'aggregate',
      streamId: 'Order#42',
    });
  });

  it.each([
    [{ kind: 'everything' }, 'kind'],
    [{ kind: 'since', since: 'yesterday' }, 'since'],
    [{ kind: 'since' }, 'since'],
    [{ kind: 'aggregate', streamId: 'no-separator' }, 'streamId'],
    [null, 'kind'],
  ])('rejects %j naming the field %s', (input, field) => {
    expect(() => parseReplayMode(input)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', httpStatus: 400 }),
    );
    try {
      parseReplayMode(input);
    } catch (error) {
      expect((error as { violations: Array<{ field: string }> }).violations.map((v) => v.field)).toEqual([
        field,
      ]);
    }
  });
});

describe('the flip gate comparison', () => {
  const versions = fc.dictionary(fc.constantFrom('A#1', 'A#2', 'B#1', 'B#2', 'C#1'), fc.nat({ max: 20 }));

  it('is empty exactly when the standby is at or past the active table on every stream', () => {
    fc.assert(
      fc.property(versions, versions, (active, standby) => {
        const lags = laggingStreams(new Map(Object.entries(active)), new Map(Object.entries(standby)));
        const behind = Object.entries(active).filter(([id, v]) => (standby[id] ?? 0) < v);
        expect(lags.map((l) => l.streamId).sort()).toEqual(behind.map(([id]) => id).sort());
        for (const lag of lags) expect(lag.standby).toBeLessThan(lag.active);
      }),
    );
  });
});
