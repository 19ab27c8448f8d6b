import { ConfigurationError } from '../../domain/domain-errors';
import type { ReadModelTarget } from '../read-model-store';
import type { SqlClient, SqlStatement } from './sql-client';
import type { SqlMigration } from './sql-projection';

/** The table of a schema that records the migrations applied, one row per version. */
export const SCHEMA_VERSION_TABLE = 'eventfold_schema';
/** The table of a schema that holds the version gate of every source stream. */
export const GATE_TABLE = 'eventfold_gate';

/**
 * The PostgreSQL schema holding one table set of a projection: `<prefix><projection>_<slot>` (dashes become `_`);
 * a name too long for PostgreSQL's 63 characters is cut and ends with a hash of the whole.
 */
export function schemaOf(target: ReadModelTarget, prefix = 'rm_'): string {
  const whole = `${prefix}${target.projection.replace(/-/g, '_')}_${target.slot}`;
  if (whole.length <= 63) return whole;
  const hash = fnv1a(whole).toString(16).padStart(8, '0');
  return `${whole.slice(0, 52)}_${hash}`;
}

/** 32-bit FNV-1a: a short, stable tag for a name cut to fit. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** `"name"`: names here come from code (projection names, checked by `@Projection`), never from events. */
export function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Checks that migrations are numbered 1, 2, 3, ... in order; throws a ConfigurationError naming the first wrong one. */
export function checkMigrations(projection: string, migrations: readonly SqlMigration[]): void {
  migrations.forEach((migration, i) => {
    if (migration?.version !== i + 1) {
      throw new ConfigurationError(
        `SQL projection ${projection}: migration ${i + 1} has version ${String(migration?.version)}; number them 1, 2, 3, ...`,
        { projection, field: `migrations[${i}].version`, expected: i + 1, actual: migration?.version },
      );
    }
  });
}

/**
 * Creates the schema of one table set if needed and applies the migrations it has not recorded yet, each with the
 * record of its version, under an advisory lock so that two consumers starting together apply each once.
 * Returns the versions applied now.
 */
export async function migrate(
  client: SqlClient,
  schema: string,
  migrations: readonly SqlMigration[],
): Promise<number[]> {
  return client.transaction((tx) => migrateIn(tx, schema, migrations));
}

/**
 * Drops the schema of one table set and creates it again, migrated, in ONE transaction under the schema's advisory
 * lock: a reader or writer sees the old tables or the new empty ones, never a missing schema. `beforeCommit` runs
 * last inside the transaction; if it throws, nothing changed.
 */
export async function recreate(
  client: SqlClient,
  schema: string,
  migrations: readonly SqlMigration[],
  beforeCommit: () => Promise<void>,
): Promise<void> {
  await client.transaction(async (tx) => {
    await tx.query({ text: 'SELECT pg_advisory_xact_lock(hashtext($1))', values: [schema] });
    await tx.query({ text: `DROP SCHEMA IF EXISTS ${quoted(schema)} CASCADE` });
    await migrateIn(tx, schema, migrations);
    await beforeCommit();
  });
}

/** `migrate` inside a transaction the caller holds. */
async function migrateIn(
  tx: SqlClient,
  schema: string,
  migrations: readonly SqlMigration[],
): Promise<number[]> {
  const s = quoted(schema);
  await tx.query({ text: 'SELECT pg_advisory_xact_lock(hashtext($1))', values: [schema] });
  await tx.query({ text: `CREATE SCHEMA IF NOT EXISTS ${s}` });
  await tx.query({
    text: `CREATE TABLE IF NOT EXISTS ${s}.${SCHEMA_VERSION_TABLE} (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  });
  await tx.query({
    text: `CREATE TABLE IF NOT EXISTS ${s}.${GATE_TABLE} (stream_id text PRIMARY KEY, version integer NOT NULL, parked_version integer, parked_error text, parked_at text)`,
  });
  const { rows } = await tx.query<{ version: number | null }>({
    text: `SELECT max(version) AS version FROM ${s}.${SCHEMA_VERSION_TABLE}`,
  });
  const current = Number(rows[0]?.version ?? 0);
  const applied: number[] = [];
  await tx.query({ text: `SET LOCAL search_path TO ${s}, public` });
  for (const migration of migrations.filter((m) => m.version > current)) {
    for (const statement of statementsOf(migration)) await tx.query(statement);
    await tx.query({
      text: `INSERT INTO ${s}.${SCHEMA_VERSION_TABLE} (version) VALUES ($1)`,
      values: [migration.version],
    });
    applied.push(migration.version);
  }
  return applied;
}

function statementsOf(migration: SqlMigration): readonly SqlStatement[] {
  const up = migration.up;
  return Array.isArray(up) ? (up as readonly SqlStatement[]) : [up as SqlStatement];
}
