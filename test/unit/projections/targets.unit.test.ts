import fc from 'fast-check';
import { targetsOf } from '../../../src/projections/targets';
import { pointerOf } from '../../support/projections/pointer-arbitrary';

const pointer = pointerOf('p');

describe('the tables a live delivery goes to', () => {
  it('always include the active table live, never one table twice, and the fed table first only in a hand-over', () => {
    fc.assert(
      fc.property(pointer, (p) => {
        const targets = targetsOf(p, undefined);
        const slots = targets.map((t) => t.target.slot);
        expect(new Set(slots).size).toBe(slots.length);
        expect(targets).toContainEqual({ target: { projection: 'p', slot: p.active }, mode: 'live' });
        const fed = p.rebuilding?.standby ?? (p.restoring ? p.previous : undefined);
        if (!fed || fed === p.active) return expect(slots).toEqual([p.active]);
        const handover = p.restoring !== undefined || p.rebuilding?.handover === true;
        expect(slots).toEqual(handover ? [fed, p.active] : [p.active, fed]);
        expect(targets.map((t) => t.mode)).toEqual(handover ? ['live', 'live'] : ['live', 'replay']);
      }),
      { numRuns: 300 },
    );
  });
});
