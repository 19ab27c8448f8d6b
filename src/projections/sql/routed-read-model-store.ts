import type { ReadModelStore, ReadModelTarget } from '../read-model-store';

/**
 * One read-model store in front of two: the tables of the projections named in `sqlProjections` go to `sql`, all
 * others to `other` (DynamoDB, or memory in tests). The runner sees one store; each projection keeps its gate
 * in the same database as its read model.
 */
export function routeReadModels(
  other: ReadModelStore,
  sql: ReadModelStore,
  sqlProjections: Iterable<string>,
): ReadModelStore {
  const names = new Set(sqlProjections);
  const pick = (target: ReadModelTarget) => (names.has(target.projection) ? sql : other);
  const routed: ReadModelStore = {
    readState: (target, streamId) => pick(target).readState(target, streamId),
    commit: (target, streamId, step) => pick(target).commit(target, streamId, step),
    park: (target, streamId, expected, mark) => pick(target).park(target, streamId, expected, mark),
    readStates: async (target, streamIds) => {
      const store = pick(target);
      if (store.readStates) return store.readStates(target, streamIds);
      const states = await Promise.all(streamIds.map((id) => store.readState(target, id)));
      return new Map(streamIds.map((id, i) => [id, states[i]!]));
    },
  };
  const joint = other.commitJoint?.bind(other);
  // Joint commits are for row projections only, which never live in the SQL store.
  return joint ? { ...routed, commitJoint: joint } : routed;
}
