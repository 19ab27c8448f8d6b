import type { StreamState } from './read-model-store';

/** What to do with a delivered event given the gate of its stream. */
export type GateDecision = 'duplicate' | 'apply' | 'gap' | 'held';

/**
 * The version gate: a version at or below the last applied one is a duplicate; the next version is applied;
 * a later one means missing versions to read from the store first; nothing passes a parked stream.
 * @example
 * decide({ version: 3 }, 3) // 'duplicate'
 * decide({ version: 3 }, 6) // 'gap'
 */
export function decide(state: StreamState, version: number): GateDecision {
  if (state.parked) return 'held';
  if (version <= state.version) return 'duplicate';
  return version === state.version + 1 ? 'apply' : 'gap';
}

/** The decision for re-applying a parked event during a redrive. */
export function decideRelease(state: StreamState, version: number): 'release' | 'stale' {
  return state.parked?.version === version && state.version === version - 1 ? 'release' : 'stale';
}
