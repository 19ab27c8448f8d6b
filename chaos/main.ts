import 'reflect-metadata';
import { type ChaosReport, runChaos } from './chaos-run';

process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number`);
  return value;
}

/** The default fault rates of `npm run chaos` (and of the e2e test). */
export const DEFAULT_RATES = {
  putRecordsEntry: 0.2,
  duplicate: 0.1,
  drop: 0.1,
  reorder: 0.3,
  crash: 0.1,
  throttle: 0.1,
};

/** Prints what a chaos run injected and what it verified. */
export function printReport(report: ChaosReport, print: (line: string) => void = console.log): void {
  print(`chaos seed ${report.seed} (replay it with --seed ${report.seed}), ${report.seconds} s`);
  print(`injected: ${JSON.stringify(report.injected, null, 2)}`);
  print(`workload: ${JSON.stringify(report.workload)}`);
  print(`replay under load: ${JSON.stringify(report.replay)}`);
  print(`rebuild under load: ${JSON.stringify(report.rebuild)}`);
  print(`verified: ${JSON.stringify(report.verified, null, 2)}`);
  print(
    report.violations.length === 0
      ? 'ALL INVARIANTS HOLD: money constant, no negative balance, versions 1..N, every read model equals the fold of the store'
      : `VIOLATIONS:\n- ${report.violations.join('\n- ')}`,
  );
}

async function main(): Promise<void> {
  const seed = option('seed', Date.now() % 2_000_000_000);
  const report = await runChaos({
    seed,
    shape: {
      accounts: option('accounts', 40),
      writers: option('writers', 32),
      paymentsPerWriter: option('payments', 20),
      prefix: `chaos${seed}`,
    },
    rates: DEFAULT_RATES,
    convergeTimeoutMs: option('timeout', 300) * 1000,
    log: (line) => console.log(`[chaos] ${line}`),
  });
  printReport(report);
  if (report.violations.length > 0) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
