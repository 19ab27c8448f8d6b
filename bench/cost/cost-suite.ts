import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../../src/infrastructure/local/dynamodb-local';
import { type CaseCost, measureCosts } from './cost-cases';
import type { CostSubject } from './cost-subject';
import { castoreCostSubject } from './castore-cost-subject';
import { eventfoldCostSubject } from './eventfold-cost-subject';
import { rawSdkCostSubject } from './raw-sdk-cost-subject';

const SUBJECTS: ReadonlyArray<(endpoint: string) => Promise<CostSubject>> = [
  eventfoldCostSubject,
  castoreCostSubject,
  rawSdkCostSubject,
];

/** Measures every command kind on every subject, each on its own tables of one DynamoDB Local. */
export async function measureAllCosts(log: (line: string) => void = () => {}): Promise<CaseCost[]> {
  const local = await startDynamoDbLocal();
  try {
    const costs: CaseCost[] = [];
    for (const create of SUBJECTS) {
      const subject = await create(local.endpoint);
      try {
        costs.push(...(await measureCosts(subject)));
        log(`cost: ${subject.name} measured`);
      } finally {
        await subject.close();
      }
    }
    return costs;
  } finally {
    await local.stop();
  }
}

const operations = (cost: { byOperation: Readonly<Record<string, number>> }) =>
  Object.entries(cost.byOperation)
    .map(([operation, count]) => (count === 1 ? operation : `${count} ${operation}`))
    .join(' + ') || 'none';

const money = (dollars: number) => `$${dollars.toFixed(2)}`;

/** The costs as a Markdown table: per command kind and subject, the command's requests, units and $, and its fan-out's. */
export function costTable(costs: readonly CaseCost[]): string {
  const lines = [
    '| command | subject | requests | WRU | RRU | $ per million | fan-out requests | fan-out WRU / RRU | fan-out $ per million |',
    '|---|---|---|---:|---:|---:|---|---:|---:|',
  ];
  for (const c of costs) {
    const fan = c.fanOut
      ? `${operations(c.fanOut)} | ${c.fanOut.wru} / ${c.fanOut.rru} | ${money(c.fanOut.dollarsPerMillion)}`
      : '- | - | -';
    lines.push(
      `| ${c.kind} | ${c.subject} | ${operations(c)} | ${c.wru} | ${c.rru} | ${money(c.dollarsPerMillion)} | ${fan} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `cost.json` and `cost.md` into a results folder. */
export function writeCostResults(costs: readonly CaseCost[], outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, 'cost.json'),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), costs }, null, 2)}\n`,
  );
  writeFileSync(join(outDir, 'cost.md'), costTable(costs));
}
