/** A stream the standby table is behind the active table on. */
export interface Lag {
  readonly streamId: string;
  readonly standby: number;
  readonly active: number;
}

/**
 * The flip gate's comparison: every stream whose gate in the standby table is below its gate in the active table.
 * The standby may hold the pointer only once this is empty. Read the active table's gates FIRST and the
 * standby's after them: live events reach both tables during a rebuild, so a standby read later that is not
 * behind any stream holds at least everything the active held when it was read.
 * @example
 * laggingStreams(new Map([['A#1', 3]]), new Map([['A#1', 2]])) // [{ streamId: 'A#1', standby: 2, active: 3 }]
 */
export function laggingStreams(
  active: ReadonlyMap<string, number>,
  standby: ReadonlyMap<string, number>,
): Lag[] {
  const lags: Lag[] = [];
  for (const [streamId, version] of active) {
    const behind = standby.get(streamId) ?? 0;
    if (behind < version) lags.push({ streamId, standby: behind, active: version });
  }
  return lags;
}
