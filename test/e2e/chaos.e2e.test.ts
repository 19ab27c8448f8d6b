import type { StoredEvent } from '../../src/domain/stored-event';
import { runChaos } from '../../chaos/chaos-run';
import { DEFAULT_RATES, printReport } from '../../chaos/main';
import { verifyStore } from '../../chaos/verify';

process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';

const event = (streamId: string, version: number, type: string, data: object): StoredEvent =>
  ({ streamId, version, type, data, eventId: `${streamId}-${version}` }) as unknown as StoredEvent;

describe('chaos: bank transfers with faults everywhere', () => {
  it('the store checks catch lost money, negative balances, unmatched payments and version gaps', () => {
    const a = [
      event('Account#a', 1, 'AccountOpened', { openingBalance: 10 }),
      event('Account#a', 2, 'PaymentSent', { paymentId: 'p1', amount: 15 }),
    ];
    const b = [
      event('Account#b', 1, 'AccountOpened', { openingBalance: 0 }),
      event('Account#b', 3, 'PaymentReceived', { paymentId: 'p1', amount: 14 }),
    ];
    const { violations } = verifyStore([a, b], 10);
    expect(violations).toEqual([
      'Account#a: balance went to -5',
      'Account#b: versions not 1..N',
      'money not constant: 9 != 10',
      '1 payments without a matching credit',
    ]);
  });

  it('32 writers under duplicates, reordering, drops, crashes, PutRecords failures and throttling, with a replay and a rebuild under load: invariants hold and read models equal the fold', async () => {
    const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 2_000_000_000);
    const lines: string[] = [];
    const report = await runChaos({
      seed,
      shape: { accounts: 40, writers: 32, paymentsPerWriter: 6, prefix: `e2e${seed}` },
      rates: DEFAULT_RATES,
      convergeTimeoutMs: 90_000,
      log: (line) => lines.push(line),
    }).catch((error: unknown) => {
      throw new Error(
        `chaos seed ${seed} (CHAOS_SEED=${seed} replays it): ${String(error)}\n${lines.join('\n')}`,
      );
    });
    printReport(report, (line) => lines.push(line));
    console.log(lines.join('\n'));
    expect(report.violations).toEqual([]);
    const { delivery, crashes, putRecords, dynamodb } = report.injected;
    for (const stream of ['projection', 'replay'] as const) {
      expect(delivery[stream].duplicated + delivery[stream].dropped).toBeGreaterThan(0);
    }
    expect(delivery.projection.redelivered).toBeGreaterThan(0);
    expect(crashes.projection.crashes + crashes.replay.crashes).toBeGreaterThan(0);
    expect(putRecords!.entriesFailed).toBeGreaterThan(0);
    expect(dynamodb!.throttled).toBeGreaterThan(0);
    expect(report.workload.committed).toBeGreaterThan(0);
    expect(report.verified.payments).toBe(report.workload.committed);
  }, 170_000);
});
