import fc from 'fast-check';
import type { ProjectionPointer, TableSlot } from '../../../src/projections/table-pointer';
import { targetsOf } from '../../../src/projections/targets';

const slot = fc.constantFrom<TableSlot>('blue', 'green');

/** Every pointer shape, also ones the rebuild service never writes (a table named twice). */
const pointer: fc.Arbitrary<ProjectionPointer> = fc.record({
  projection: fc.constant('p'),
  active: slot,
  previous: fc.option(slot, { nil: undefined }),
  rebuilding: fc.option(
    fc.record({
      rebuildId: fc.constant('rb'),
      standby: slot,
      handover: fc.option(fc.boolean(), { nil: undefined }),
    }),
    { nil: undefined },
  ),
  restoring: fc.option(fc.record({ rollbackId: fc.constant('rl') }), { nil: undefined }),
  revision: fc.nat(),
});

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
