import type { GlobalPosition } from '../../../domain/ports';

/** Separates commit time, stream id and version in the time index's sort key; sorts below every stream id character. */
const POSITION_SEPARATOR = '!';
const VERSION_DIGITS = 10;

/** The most write shards a time bucket may have (the shard is written with two digits). */
export const MAX_TIME_INDEX_SHARDS = 100;

/** The hour bucket of a commit time: `2026-11-22T14`. */
export function timeBucketOf(committedAt: string): string {
  return committedAt.slice(0, 13);
}

/** A stable 32-bit FNV-1a hash of a stream id; the same on every machine and runtime version. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The write shard of a stream: every event of a stream lands on one shard of each bucket. */
export function shardOf(streamId: string, shards: number): number {
  return fnv1a(streamId) % shards;
}

/** The time index partition key of a bucket and shard: `2026-11-22T14#07`. */
export function timeBucketKey(bucket: string, shard: number): string {
  return `${bucket}#${String(shard).padStart(2, '0')}`;
}

/**
 * The time index sort key of an event: commit time, stream id, zero-padded version. Because the separator
 * sorts below every character a stream id may hold, DynamoDB's byte order equals `comparePositions`.
 */
export function timePositionOf(position: GlobalPosition): string {
  const version = String(position.version).padStart(VERSION_DIGITS, '0');
  return [position.committedAt, position.streamId, version].join(POSITION_SEPARATOR);
}

/** Orders positions by commit time, then stream id, then version. */
export function comparePositions(a: GlobalPosition, b: GlobalPosition): number {
  if (a.committedAt !== b.committedAt) return a.committedAt < b.committedAt ? -1 : 1;
  if (a.streamId !== b.streamId) return a.streamId < b.streamId ? -1 : 1;
  return a.version - b.version;
}
