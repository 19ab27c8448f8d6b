import type { SlotVersions } from '../../application/rebuild/rebuild-ports';
import type { ReadModelTarget } from '../../projections/read-model-store';
import type { SqlClient } from '../../projections/sql/sql-client';
import { GATE_TABLE, quoted } from '../../projections/sql/sql-schema';

/**
 * Reads the version gates of a SQL projection's table set (its schema's `eventfold_gate`): what the flip gate and a
 * rollback's catch-up compare. A schema not created yet has no gates. Needs no migrations, only the schema's name.
 */
export class SqlSlotVersions implements SlotVersions {
  constructor(
    private readonly client: SqlClient,
    private readonly schemaOf: (target: ReadModelTarget) => string,
  ) {}

  async versions(target: ReadModelTarget): Promise<ReadonlyMap<string, number>> {
    return this.read(target);
  }

  async versionsOf(target: ReadModelTarget, streamIds: readonly string[]) {
    return this.read(target, streamIds);
  }

  private async read(target: ReadModelTarget, streamIds?: readonly string[]) {
    const schema = this.schemaOf(target);
    const versions = new Map<string, number>();
    const { rows: found } = await this.client.query({
      text: 'SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2',
      values: [schema, GATE_TABLE],
    });
    if (found.length === 0) return versions;
    const from = `SELECT stream_id, version FROM ${quoted(schema)}.${GATE_TABLE}`;
    const { rows } = await this.client.query<{ stream_id: string; version: number }>(
      streamIds
        ? { text: `${from} WHERE stream_id = ANY($1::text[])`, values: [[...streamIds]] }
        : { text: from },
    );
    for (const row of rows) versions.set(row.stream_id, Number(row.version));
    return versions;
  }
}
