import fc from 'fast-check';
import type { ProjectionPointer, TableSlot } from '../../../src/projections/table-pointer';

export const slot = fc.constantFrom<TableSlot>('blue', 'green');

/** Every pointer shape of projection `projection`, also ones the rebuild service never writes (a table named twice). */
export const pointerOf = (projection: string): fc.Arbitrary<ProjectionPointer> =>
  fc.record({
    projection: fc.constant(projection),
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
