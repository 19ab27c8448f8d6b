import type { GlobalPosition } from '../../domain/ports';
import type { ReplayMode } from './replay-mode';

/**
 * Where a replay continues: after a position of the global order (modes all/since), or at a version of the
 * one aggregate. The only thing that passes between the states of the replay workflow, so it stays tiny.
 */
export type ReplayCursor = { readonly after?: GlobalPosition } | { readonly nextVersion: number };

/** The cursor a replay of `mode` starts from. */
export function initialCursor(mode: ReplayMode): ReplayCursor {
  return mode.kind === 'aggregate' ? { nextVersion: 1 } : {};
}

/** A canonical string of the cursor: equal cursors give equal tokens (used in conditional writes). */
export function cursorToken(cursor: ReplayCursor): string {
  if ('nextVersion' in cursor) return JSON.stringify({ nextVersion: cursor.nextVersion });
  if (!cursor.after) return '{}';
  const { committedAt, streamId, version } = cursor.after;
  return JSON.stringify({ after: { committedAt, streamId, version } });
}

/** Reads a cursor back from its token. */
export function cursorFromToken(token: string): ReplayCursor {
  return JSON.parse(token) as ReplayCursor;
}
