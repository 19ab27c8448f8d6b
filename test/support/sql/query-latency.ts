import { performance } from 'node:perf_hooks';
import type { ConcertScheduled } from '../../../examples/cloudbash/concert-events';
import { ConcertSearch } from '../../../examples/cloudbash/concert-search';
import type { SqlClient } from '../../../src/projections/sql/sql-client';
import { SqlQueryRunner } from '../../../src/projections/sql/sql-query-runner';
import { SqlReadModelReader } from '../../../src/projections/sql/sql-read-model-reader';
import { SqlReadModelStore } from '../../../src/projections/sql/sql-read-model-store';
import { SqlWriter } from '../../../src/projections/sql/sql-projection';

/** Median and 95th percentile of a list of milliseconds. */
export function percentiles(ms: number[]): { p50: number; p95: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) =>
    Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(2));
  return { p50: at(0.5), p95: at(0.95) };
}

/**
 * Loads concerts into the concert search's tables through its own handler's statements, then times each search
 * `runs` times on this client: the query latency of the read model's database, without HTTP.
 */
export async function searchLatency(
  client: SqlClient,
  concerts: readonly ConcertScheduled[],
  searches: Record<string, Record<string, string>>,
  runs: number,
): Promise<Record<string, { p50: number; p95: number }>> {
  const projection = new ConcertSearch();
  const target = { projection: 'cloudbash-concert-search', slot: 'blue' as const };
  const store = new SqlReadModelStore(
    client,
    [{ name: target.projection, migrations: projection.migrations }],
    {
      schemaPrefix: `lat_${Date.now()}_`,
    },
  );
  const schema = await store.ensure(target);
  await client.transaction(async (tx) => {
    await tx.query({ text: `SET LOCAL search_path TO "${schema}"` });
    for (const e of concerts) {
      const writer = new SqlWriter();
      projection.scheduled(e, writer);
      for (const statement of writer.list()) await tx.query(statement);
    }
  });
  const reader = new SqlReadModelReader(client, (t) => store.schemaOf(t));
  const runner = new SqlQueryRunner(
    new Map([[target.projection, projection.queries]]),
    reader,
    async () => target,
  );
  const figures: Record<string, { p50: number; p95: number }> = {};
  for (const [label, params] of Object.entries(searches)) {
    const times: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const started = performance.now();
      await runner.run(target.projection, 'search', params, { limit: 20 });
      times.push(performance.now() - started);
    }
    figures[label] = percentiles(times);
  }
  return figures;
}
