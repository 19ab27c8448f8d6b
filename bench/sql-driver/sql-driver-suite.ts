import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleForNode } from '../lib/bundle';
import { median } from '../lib/stats';
import { type ColdStart, coldStartOnce } from '../cold-start/fresh-process';
import { BASELINE_SUBJECT, FUNCTION_SUBJECTS } from '../cold-start/function-bundles';
import { costMarkdown } from './sql-driver-cost';

/**
 * The SQL driver decision's numbers: the projection consumer's bundle as the construct builds it, alone, with a
 * Data API `SqlClient`, and with a `pg` pool to an RDS Proxy (IAM token signer), each loaded and invoked once in a
 * fresh process, the bundles interleaved round by round; and the cost per million statements from list prices.
 */

const consumer = FUNCTION_SUBJECTS.find((s) => s.name === 'projection-consumer')!;
const SUBJECTS = [
  { name: 'baseline (DynamoDB + Kinesis clients)', entry: BASELINE_SUBJECT.entry, inject: [] as string[] },
  { name: 'projection consumer', entry: consumer.entry, inject: [...consumer.inject] },
  {
    name: 'consumer + RDS Data API',
    entry: join(__dirname, 'data-api-entry.ts'),
    inject: [...consumer.inject],
  },
  {
    name: 'consumer + pg + RDS Proxy signer',
    entry: join(__dirname, 'pg-proxy-entry.ts'),
    inject: [...consumer.inject],
  },
];

/** The medians of one bundle's cold starts. */
export interface SqlDriverRow {
  readonly name: string;
  readonly bundleKb: number;
  readonly initCpuMs: number;
  readonly rssMiB: number;
  /** Median per-round ratio of init CPU to the plain consumer's. */
  readonly vsConsumer: number;
  readonly runs: number;
}

/** Builds the four bundles and starts each `runs` times; returns the medians. */
export function measureSqlDrivers(runs: number, log: (line: string) => void): SqlDriverRow[] {
  const bundles = SUBJECTS.map((s, i) => {
    // pg loads its native binding only when asked; it is not installed, so it stays out of the bundle.
    const file = bundleForNode(s.entry, `sql-driver-${i}`, { inject: s.inject, external: ['pg-native'] });
    return { ...s, file, bytes: statSync(file).size };
  });
  const starts: ColdStart[][] = bundles.map(() => []);
  for (let round = 0; round < runs; round += 1) {
    bundles.forEach((b, i) => starts[i]!.push(coldStartOnce(b.file, { Records: [] })));
    log(`sql driver round ${round + 1}/${runs}`);
  }
  return bundles.map((b, i) => ({
    name: b.name,
    bundleKb: Math.round(b.bytes / 1024),
    initCpuMs: median(starts[i]!.map((s) => s.initCpuMs)),
    rssMiB: median(starts[i]!.map((s) => s.rss / 2 ** 20)),
    vsConsumer: median(starts[i]!.map((s, r) => s.initCpuMs / starts[1]![r]!.initCpuMs)),
    runs,
  }));
}

/** The cold-start table and the cost table. */
export function sqlDriverMarkdown(rows: readonly SqlDriverRow[]): string {
  const lines = rows.map(
    (r) =>
      `| ${r.name} | ${r.bundleKb} | ${r.initCpuMs.toFixed(0)} | ${r.vsConsumer.toFixed(2)}x | ${r.rssMiB.toFixed(1)} |`,
  );
  return [
    `# SQL driver: cold starts, medians of ${rows[0]?.runs ?? 0} fresh processes`,
    '',
    '| bundle | KB | init CPU ms | vs consumer | RSS MiB |',
    '|---|---|---|---|---|',
    ...lines,
    '',
    '# SQL driver: $ per million statements',
    '',
    costMarkdown(),
    '',
  ].join('\n');
}

/** The suite: measures, logs the tables, writes sql-driver.json and sql-driver.md to `outDir`. */
export function sqlDriverSuite(outDir: string, runs: number, log: (line: string) => void): void {
  const rows = measureSqlDrivers(runs, log);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, 'sql-driver.json'),
    `${JSON.stringify({ node: process.version, rows }, null, 2)}\n`,
  );
  const markdown = sqlDriverMarkdown(rows);
  writeFileSync(join(outDir, 'sql-driver.md'), markdown);
  log(`\n${markdown}`);
}
