import { projectionInfoOf } from '../../projections/projection-decorators';
import { isSqlProjection } from '../../projections/sql/sql-projection';
import type { DeployedProjection } from './tables';

/**
 * A projection to deploy: an instance or class declared with `@Projection`, or a plain `{ name, rebuildable, sql }`.
 */
export type ProjectionSource = Function | object | DeployedProjection;

const isPlain = (source: ProjectionSource): source is DeployedProjection =>
  typeof source === 'object' && Object.getPrototypeOf(source) === Object.prototype;

/** Reads name, rebuildability and kind (SQL or not) of each projection; refuses two projections of one name. */
export function deployedProjections(sources: readonly ProjectionSource[]): DeployedProjection[] {
  const byName = new Map<string, DeployedProjection>();
  for (const source of sources) {
    const info = isPlain(source) ? source : projectionInfoOf(source);
    const sql = isPlain(source) ? source.sql === true : isSqlProjection(source);
    const projection = { name: info.name, rebuildable: info.rebuildable, ...(sql ? { sql } : {}) };
    if (byName.has(projection.name))
      throw new Error(`eventfold: projection ${projection.name} is listed twice`);
    byName.set(projection.name, projection);
  }
  return [...byName.values()];
}

/** The names of the SQL projections among `projections`. */
export function sqlProjectionNames(projections: readonly DeployedProjection[]): string[] {
  return projections.filter((p) => p.sql).map((p) => p.name);
}

/**
 * Refuses SQL projections without a SQL database to keep them in: the construct would deploy functions that fail
 * on their first event.
 */
export function requireSqlDatabase(projections: readonly DeployedProjection[], sql: unknown): void {
  const names = sqlProjectionNames(projections);
  if (names.length > 0 && !sql)
    throw new Error(
      `eventfold: the SQL projections ${names.join(', ')} need a SQL database: set the construct's \`sql\` property`,
    );
}
