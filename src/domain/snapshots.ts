import { createHash } from 'node:crypto';
import { type AggregateClass, aggregateInfoOf } from './aggregate-metadata';

/** The state of one aggregate at a version, tagged with the shape of the aggregate that wrote it. */
export interface Snapshot {
  readonly streamId: string;
  readonly version: number;
  readonly tag: string;
  readonly state: Record<string, unknown>;
  readonly takenAt: string;
}

function shapeOf(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) return ['array'];
  if (value === null) return 'null';
  if (typeof value !== 'object' || depth > 2) return typeof value;
  return Object.keys(value)
    .sort()
    .map((key) => [key, shapeOf((value as Record<string, unknown>)[key], depth + 1)]);
}

const tags = new WeakMap<Function, string>();

/**
 * The snapshot tag of an aggregate class: a hash of its type, its declared snapshot version, the shape of a
 * fresh instance's state and the events it applies. When any of them changes, older snapshots are ignored.
 */
export function snapshotTagOf(aggregateClass: AggregateClass): string {
  const cached = tags.get(aggregateClass);
  if (cached) return cached;
  const info = aggregateInfoOf(aggregateClass);
  const fresh = new aggregateClass('snapshot-shape') as object;
  const material = JSON.stringify({
    type: info.type,
    snapshotVersion: info.options.snapshotVersion ?? 1,
    shape: shapeOf({ ...fresh }),
    appliers: [...info.appliers.keys()].sort(),
  });
  const tag = `${info.type}:${createHash('sha256').update(material).digest('hex').slice(0, 16)}`;
  tags.set(aggregateClass, tag);
  return tag;
}

/**
 * True when the snapshot policy of the aggregate asks for a snapshot after a save from `fromVersion` to `toVersion`,
 * that is when the save crossed a multiple of `snapshotEvery`.
 */
export function snapshotDue(aggregateClass: AggregateClass, fromVersion: number, toVersion: number): boolean {
  const every = aggregateInfoOf(aggregateClass).options.snapshotEvery;
  if (!every || toVersion <= fromVersion) return false;
  return Math.floor(toVersion / every) > Math.floor(fromVersion / every);
}
