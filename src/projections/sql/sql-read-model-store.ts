import { ConfigurationError } from '../../domain/domain-errors';
import type { GateStep, ParkedMark, ReadModelStore, ReadModelTarget, StreamState } from '../read-model-store';
import type { SqlClient, SqlStatement } from './sql-client';
import { isDeterministicSqlError, SqlChangeRejectedError } from './sql-errors';
import type { SqlMigration } from './sql-projection';
import { checkMigrations, GATE_TABLE, migrate, quoted, schemaOf } from './sql-schema';

/** A SQL projection as the store knows it: its name and its migrations. */
export interface SqlSchemaOwner {
  readonly name: string;
  readonly migrations: readonly SqlMigration[];
}

/** Options of the SQL read-model store. */
export interface SqlReadModelStoreOptions {
  /** Prefix of every schema the store creates (`rm_` when absent): one database may hold several apps. */
  readonly schemaPrefix?: string;
}

interface GateRow {
  version: number;
  parked_version: number | null;
  parked_error: string | null;
  parked_at: string | null;
}

/** Thrown inside a transaction to roll it back when the gate is not where the step says. */
const NOT_MOVED = Symbol('gate not moved');

/**
 * The read-model store of SQL projections: each (projection, slot) is a PostgreSQL schema holding the projection's
 * own tables, its schema-version table and its version gate (`eventfold_gate`, one row per source stream). An
 * event's statements and the gate's move run in ONE transaction, so a change never lands without its gate move.
 * The schema is created and migrated before its first use.
 */
export class SqlReadModelStore implements ReadModelStore {
  private readonly owners = new Map<string, SqlSchemaOwner>();
  private readonly ready = new Map<string, Promise<unknown>>();
  private readonly prefix: string;

  constructor(
    private readonly client: SqlClient,
    owners: readonly SqlSchemaOwner[],
    options: SqlReadModelStoreOptions = {},
  ) {
    for (const owner of owners) {
      checkMigrations(owner.name, owner.migrations);
      this.owners.set(owner.name, owner);
    }
    this.prefix = options.schemaPrefix ?? 'rm_';
  }

  /** The names of the projections this store keeps. */
  projections(): string[] {
    return [...this.owners.keys()];
  }

  /** The PostgreSQL schema of a table set. */
  schemaOf(target: ReadModelTarget): string {
    return schemaOf(target, this.prefix);
  }

  /** Creates and migrates a table set's schema once per store (again after a failure). */
  async ensure(target: ReadModelTarget): Promise<string> {
    const schema = this.schemaOf(target);
    let ready = this.ready.get(schema);
    if (!ready) {
      const owner = this.owners.get(target.projection);
      if (!owner) throw new ConfigurationError(`${target.projection} is not a SQL projection of this store`);
      ready = migrate(this.client, schema, owner.migrations);
      this.ready.set(schema, ready);
      ready.catch(() => this.ready.delete(schema));
    }
    await ready;
    return schema;
  }

  /** Forgets that a schema is migrated (after it was dropped, say for a rebuild's standby). */
  forget(target: ReadModelTarget): void {
    this.ready.delete(this.schemaOf(target));
  }

  /** The migrations of one of the store's projections (a rebuild's standby is created anew from them). */
  migrationsOf(projection: string): readonly SqlMigration[] {
    const owner = this.owners.get(projection);
    if (!owner) throw new ConfigurationError(`${projection} is not a SQL projection of this store`);
    return owner.migrations;
  }

  async readState(target: ReadModelTarget, streamId: string): Promise<StreamState> {
    return (await this.readStates(target, [streamId])).get(streamId) ?? { version: 0 };
  }

  async readStates(target: ReadModelTarget, streamIds: readonly string[]) {
    const s = quoted(await this.ensure(target));
    const { rows } = await this.client.query<GateRow & { stream_id: string }>({
      text: `SELECT stream_id, version, parked_version, parked_error, parked_at FROM ${s}.${GATE_TABLE} WHERE stream_id = ANY($1::text[])`,
      values: [[...streamIds]],
    });
    const states = new Map(streamIds.map((id): [string, StreamState] => [id, { version: 0 }]));
    for (const row of rows) states.set(row.stream_id, stateOf(row));
    return states;
  }

  async commit(target: ReadModelTarget, streamId: string, step: GateStep): Promise<boolean> {
    const schema = await this.ensure(target);
    const statements = statementsOf(target, step);
    const s = quoted(schema);
    try {
      return await this.client.transaction(async (tx) => {
        if (step.from === 0) await tx.query(insertGate(s, streamId));
        const moved = await tx.query({
          text: `UPDATE ${s}.${GATE_TABLE} SET version = $2, parked_version = NULL, parked_error = NULL, parked_at = NULL WHERE stream_id = $1 AND version = $3 AND parked_version IS NOT DISTINCT FROM $4::integer`,
          values: [streamId, step.to, step.from, step.releases ?? null],
        });
        if (moved.rowCount !== 1) throw NOT_MOVED;
        if (statements.length > 0) await tx.query({ text: `SET LOCAL search_path TO ${s}, public` });
        for (const [i, statement] of statements.entries()) {
          try {
            await tx.query(statement);
          } catch (error) {
            if (!isDeterministicSqlError(error)) throw error;
            const where = { projection: target.projection, slot: target.slot, streamId, version: step.to };
            throw new SqlChangeRejectedError(where, i + 1, error);
          }
        }
        return true;
      });
    } catch (error) {
      if (error === NOT_MOVED) return false;
      throw error;
    }
  }

  async park(target: ReadModelTarget, streamId: string, expectedVersion: number, mark: ParkedMark) {
    const s = quoted(await this.ensure(target));
    return this.client.transaction(async (tx) => {
      if (expectedVersion === 0) await tx.query(insertGate(s, streamId));
      const parked = await tx.query({
        text: `UPDATE ${s}.${GATE_TABLE} SET parked_version = $3, parked_error = $4, parked_at = $5 WHERE stream_id = $1 AND version = $2 AND parked_version IS NULL`,
        values: [streamId, expectedVersion, mark.version, mark.error, mark.parkedAt],
      });
      return parked.rowCount === 1;
    });
  }
}

function insertGate(schema: string, streamId: string): SqlStatement {
  return {
    text: `INSERT INTO ${schema}.${GATE_TABLE} (stream_id, version) VALUES ($1, 0) ON CONFLICT (stream_id) DO NOTHING`,
    values: [streamId],
  };
}

function stateOf(row: GateRow): StreamState {
  const version = Number(row.version);
  if (row.parked_version === null) return { version };
  const parked = {
    version: Number(row.parked_version),
    error: row.parked_error ?? '',
    parkedAt: row.parked_at ?? '',
  };
  return { version, parked };
}

function statementsOf(target: ReadModelTarget, step: GateStep): readonly SqlStatement[] {
  const { change } = step;
  if (change.kind === 'none') return [];
  if (change.kind === 'sql') return change.statements;
  throw new ConfigurationError(
    `${target.projection} sent a ${change.kind} change to the SQL store; only SQL projections live there`,
    { projection: target.projection, kind: change.kind },
  );
}
