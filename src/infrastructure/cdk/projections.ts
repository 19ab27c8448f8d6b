import { projectionInfoOf } from '../../projections/projection-decorators';
import type { DeployedProjection } from './tables';

/**
 * A projection to deploy: an instance or class declared with `@Projection`, or a plain `{ name, rebuildable }`.
 */
export type ProjectionSource = Function | object | DeployedProjection;

const isPlain = (source: ProjectionSource): source is DeployedProjection =>
  typeof source === 'object' && Object.getPrototypeOf(source) === Object.prototype;

/** Reads name and rebuildability of each projection; refuses two projections of one name. */
export function deployedProjections(sources: readonly ProjectionSource[]): DeployedProjection[] {
  const byName = new Map<string, DeployedProjection>();
  for (const source of sources) {
    const info = isPlain(source) ? source : projectionInfoOf(source);
    const projection = { name: info.name, rebuildable: info.rebuildable };
    if (byName.has(projection.name))
      throw new Error(`eventfold: projection ${projection.name} is listed twice`);
    byName.set(projection.name, projection);
  }
  return [...byName.values()];
}
