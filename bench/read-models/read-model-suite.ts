import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type ApplyRateRow,
  benchReadModels,
  type QueryLatencyRow,
  type ReadModelBenchSizes,
} from './read-model-bench';

/** The suite's sizes: a full run, and `--quick`. */
export function readModelSizes(quick: boolean): ReadModelBenchSizes {
  return quick
    ? { rounds: 2, streams: 20, eventsPerStream: 10, queryRows: 2_000, queries: 50 }
    : { rounds: 5, streams: 40, eventsPerStream: 25, queryRows: 10_000, queries: 300 };
}

/** The apply-rate table and the query-latency table. */
export function readModelMarkdown(
  sizes: ReadModelBenchSizes,
  apply: readonly ApplyRateRow[],
  queries: readonly QueryLatencyRow[],
): string {
  const events = sizes.streams * sizes.eventsPerStream;
  return [
    `# Read models: apply rate, ${events} events (${sizes.streams} streams in flight, one event per delivery), medians of ${sizes.rounds} rounds`,
    '',
    '| read model | events/s | vs DynamoDB document (median of per-round ratios) | rounds |',
    '|---|--:|--:|---|',
    ...apply.map(
      (r) => `| ${r.subject} | ${r.eventsPerS} | ${r.vsDocument.toFixed(2)}x | ${r.rounds.join(', ')} |`,
    ),
    '',
    `# Read models: named query latency, ms (${sizes.queries} queries, ${sizes.queryRows} rows, pages of 10 by keyset)`,
    '',
    '| database | first page p50 | p95 | p99 | next page p50 | p95 | p99 |',
    '|---|--:|--:|--:|--:|--:|--:|',
    ...queries.map(
      (q) =>
        `| ${q.subject} | ${q.first.p50} | ${q.first.p95} | ${q.first.p99} | ${q.next.p50} | ${q.next.p95} | ${q.next.p99} |`,
    ),
    '',
  ].join('\n');
}

/** The suite: measures on `client`'s DynamoDB Local, PGlite and a PostgreSQL server; writes read-models.json and .md. */
export async function readModelSuite(
  client: DynamoDBClient,
  outDir: string,
  quick: boolean,
  log: (line: string) => void,
): Promise<void> {
  const sizes = readModelSizes(quick);
  const result = await benchReadModels(client, sizes, log);
  mkdirSync(outDir, { recursive: true });
  const record = { startedAt: new Date().toISOString(), node: process.version, sizes, ...result };
  writeFileSync(join(outDir, 'read-models.json'), `${JSON.stringify(record, null, 2)}\n`);
  const markdown = readModelMarkdown(sizes, result.apply, result.queries);
  writeFileSync(join(outDir, 'read-models.md'), markdown);
  log(`\n${markdown}`);
}
