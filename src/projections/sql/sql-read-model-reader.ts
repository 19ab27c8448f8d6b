import type { ReadModelTarget } from '../read-model-store';
import type { SqlClient, SqlResult, SqlStatement } from './sql-client';
import { GATE_TABLE, quoted, SCHEMA_VERSION_TABLE } from './sql-schema';

/** The rows of every table of a SQL read model, sorted, with the gate's versions: what tests compare. */
export interface SqlTableDump {
  readonly tables: Record<string, Record<string, unknown>[]>;
  readonly versions: Record<string, number>;
}

/**
 * Reads SQL read models: a statement runs read-only in the table set's schema (its tables by their plain names).
 * @example
 * const { rows } = await reader.query(target, sql`SELECT * FROM concerts WHERE city = ${city} ORDER BY day`);
 */
export class SqlReadModelReader {
  constructor(
    private readonly client: SqlClient,
    private readonly schemaOf: (target: ReadModelTarget) => string,
  ) {}

  /** Runs one read in the schema of `target`, in a read-only transaction. */
  query<Row = Record<string, unknown>>(
    target: ReadModelTarget,
    statement: SqlStatement,
  ): Promise<SqlResult<Row>> {
    const s = quoted(this.schemaOf(target));
    return this.client.transaction(async (tx) => {
      await tx.query({ text: 'SET TRANSACTION READ ONLY' });
      await tx.query({ text: `SET LOCAL search_path TO ${s}, public` });
      return tx.query<Row>(statement);
    });
  }

  /** Every table of the read model (rows sorted by their JSON), and the gate's version of each stream. */
  async dump(target: ReadModelTarget): Promise<SqlTableDump> {
    const schema = this.schemaOf(target);
    const s = quoted(schema);
    const { rows: names } = await this.client.query<{ table_name: string }>({
      text: `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name NOT IN ($2, $3) ORDER BY table_name`,
      values: [schema, GATE_TABLE, SCHEMA_VERSION_TABLE],
    });
    const tables: Record<string, Record<string, unknown>[]> = {};
    for (const { table_name: name } of names) {
      const { rows } = await this.client.query({ text: `SELECT * FROM ${s}.${quoted(name)}` });
      tables[name] = rows.map((r) => JSON.parse(JSON.stringify(r)) as Record<string, unknown>).sort(byJson);
    }
    const { rows: gates } = await this.client.query<{ stream_id: string; version: number }>({
      text: `SELECT stream_id, version FROM ${s}.${GATE_TABLE}`,
    });
    const versions = Object.fromEntries(gates.map((g) => [g.stream_id, Number(g.version)]));
    return { tables, versions };
  }
}

function byJson(a: unknown, b: unknown): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
