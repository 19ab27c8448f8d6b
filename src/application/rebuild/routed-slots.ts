import type { ReadModelTarget } from '../../projections/read-model-store';
import type { ReadModelSlotReset, SlotVersions } from './rebuild-ports';

/** A projection's slots, wherever its read model lives: its gates and the emptying of its standby. */
export type Slots = SlotVersions & ReadModelSlotReset;

/**
 * One view of the slots of every projection in front of two: those named in `names` (the SQL projections) go to
 * `named`, all others to `other` (DynamoDB, or memory in tests). The flip gate, a rollback's catch-up and the
 * standby's clearing then treat a SQL projection's schemas as they treat a DynamoDB projection's tables.
 * @example
 * const slots = routeSlots(dynamoSlots, sqlSlots, ['concert-search']);
 */
export function routeSlots(other: Slots, named: Slots, names: Iterable<string>): Slots {
  const set = new Set(names);
  return {
    ...routeVersions(other, named, set),
    reset: (target) => (set.has(target.projection) ? named : other).reset(target),
  };
}

/**
 * The gates of every projection in front of two readers: those named in `names` are read from `named`, all others
 * from `other`. What the replay iterator's flip gate reads, which clears no slot.
 */
export function routeVersions(
  other: SlotVersions,
  named: SlotVersions,
  names: Iterable<string>,
): SlotVersions {
  const set = new Set(names);
  const pick = (target: ReadModelTarget) => (set.has(target.projection) ? named : other);
  return {
    versions: (target) => pick(target).versions(target),
    versionsOf: (target, streamIds) => pick(target).versionsOf(target, streamIds),
  };
}

/** Joins a slot-versions reader and a slot reset into the slots of one kind of read model. */
export function slotsOf(versions: SlotVersions, reset: ReadModelSlotReset): Slots {
  return {
    versions: (target) => versions.versions(target),
    versionsOf: (target, streamIds) => versions.versionsOf(target, streamIds),
    reset: (target) => reset.reset(target),
  };
}
