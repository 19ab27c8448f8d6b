import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { configFromEnv } from '../src/infrastructure/config';
import { ensureEventStoreTables } from '../src/infrastructure/dynamodb/tables';
import type { BenchRow } from './lib/report';
import { listed, median, timed } from './lib/stats';
import type { ReplayMeasurement } from './replay-child';
import { replayEnv } from './replay-domain';
import { ReplayHost } from './replay-host';
import { seedReplayEvents } from './replay-seed';

const MiB = 2 ** 20;

/** Writes `events` events into the size's own tables, 99 per commit (one stream each). */
async function writeEvents(client: DynamoDBClient, endpoint: string, events: number): Promise<void> {
  const config = {
    ...configFromEnv(replayEnv(events)),
    endpoints: { region: 'us-east-1', dynamodb: endpoint },
  };
  await ensureEventStoreTables(client, config);
  await seedReplayEvents(client, config, events);
}

/**
 * The old-space limit of the bounded-heap run: the replaying process's live heap (about 19 MiB once started, up
 * to 31 MiB right after a full GC during a replay) plus a margin. A replay that kept its events would run out of it.
 */
export const BOUNDED_OLD_SPACE_MIB = 48;

const mib = (bytes: number) => bytes / MiB;
const rateOf = (events: number, m: ReplayMeasurement) => events / (m.ms / 1000);

/** The rows of one size from its repeated replays: medians, every value in the notes. */
function sizeRows(events: number, runs: readonly ReplayMeasurement[]): BenchRow[] {
  const row = { suite: 'replay', case: `${events} events`, subject: 'eventfold' };
  const rates = runs.map((m) => rateOf(events, m));
  const peaks = runs.map((m) => mib(m.peakRss));
  const growths = runs.map((m) => mib(m.peakRss - m.baselineRss));
  const gcRuns = runs.filter((m) => m.fullGcs > 0);
  const rows: BenchRow[] = [
    {
      ...row,
      metric: 'replay rate',
      value: median(rates),
      unit: 'events/s',
      note: `median of ${runs.length} replays: ${listed(rates)} events/s; ${runs[0]!.pages} pages, ${runs[0]!.executions} executions each`,
    },
    {
      ...row,
      metric: 'peak RSS',
      value: median(peaks),
      unit: 'MiB',
      note:
        `median of ${runs.length} replays: ${listed(peaks)} MiB (growth over the baseline ${listed(growths)} MiB; ` +
        `peak heap ${listed(runs.map((m) => mib(m.peakHeapUsed)))} MiB; full GCs ${runs.map((m) => m.fullGcs).join(', ')})`,
    },
    {
      ...row,
      metric: 'heap left after the replay',
      value: Math.max(...runs.map((m) => mib(m.heapAfter))),
      unit: 'MiB',
      note: `heap in use once the read model has every event, after a forced GC; the highest of ${runs.length} replays`,
    },
  ];
  // A full GC may not happen in a short replay; then there is nothing to report.
  if (gcRuns.length > 0)
    rows.push({
      ...row,
      metric: 'heap after full GC (peak)',
      value: Math.max(...gcRuns.map((m) => mib(m.peakHeapAfterFullGc))),
      unit: 'MiB',
      note: `heap in use right after each full GC during the replays (${gcRuns.map((m) => m.fullGcs).join(', ')}), the highest`,
    });
  return rows;
}

/**
 * Replays `sizes` events each into a projection through the real replay path, `repeats` times per size (each
 * into a fresh read model, in a fresh process), and reports the median events/s and peak memory of the
 * replaying process (resident set), with every replay's value in the notes: V8 decides on its own when to
 * collect, so one replay's peak can land on either side of a full GC.
 */
export async function benchReplay(
  client: DynamoDBClient,
  endpoints: { dynamodb: string; kinesis: string },
  sizes: readonly number[],
  repeats: number,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const host = await ReplayHost.start(endpoints);
  try {
    const rows: BenchRow[] = [];
    for (const events of sizes) {
      const { ms: writeMs } = await timed(() => writeEvents(client, endpoints.dynamodb, events));
      log(`replay ${events}: wrote the events in ${(writeMs / 1000).toFixed(1)} s`);
      const runs: ReplayMeasurement[] = [];
      for (let r = 0; r < repeats; r += 1) {
        const m = await host.measure(events, { run: r === 0 ? undefined : `repeat${r}` });
        runs.push(m);
        log(
          `replay ${events} (${r + 1}/${repeats}): ${rateOf(events, m).toFixed(0)} events/s, peak RSS ${mib(m.peakRss).toFixed(0)} MiB`,
        );
      }
      rows.push(...sizeRows(events, runs));
    }
    rows.push(...(await rowProjectionRows(host, sizes[0]!, log)));
    rows.push(...(await boundedHeapRows(host, sizes[sizes.length - 1]!, log)));
    return rows;
  } finally {
    await host.stop();
  }
}

/** The rate and peak-RSS rows of a single replay, logged as one line. */
function oneReplayRows(
  caseName: string,
  events: number,
  m: ReplayMeasurement,
  log: (line: string) => void,
): BenchRow[] {
  const rate = rateOf(events, m);
  const row = { suite: 'replay', case: caseName, subject: 'eventfold' };
  log(`replay ${caseName}: ${rate.toFixed(0)} events/s, peak RSS ${mib(m.peakRss).toFixed(0)} MiB`);
  return [
    {
      ...row,
      metric: 'replay rate',
      value: rate,
      unit: 'events/s',
      note: `one replay, ${m.fullGcs} full GCs`,
    },
    {
      ...row,
      metric: 'peak RSS',
      value: mib(m.peakRss),
      unit: 'MiB',
      note: `baseline ${mib(m.baselineRss).toFixed(0)} MiB, peak heap ${mib(m.peakHeapUsed).toFixed(0)} MiB, heap after the replay ${mib(m.heapAfter).toFixed(0)} MiB`,
    },
  ];
}

/** Replays the smallest size once more into a row projection (one row per counter, additions). */
async function rowProjectionRows(
  host: ReplayHost,
  events: number,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const m = await host.measure(events, { run: 'rows', projection: 'rows' });
  return oneReplayRows(`${events} events into a row projection`, events, m, log);
}

/**
 * Replays the largest size again (same events, fresh read model) with V8's old space capped at
 * `BOUNDED_OLD_SPACE_MIB`: evidence that the replay streams. Not the peak-memory target, which is measured
 * above with V8's default limits.
 */
async function boundedHeapRows(
  host: ReplayHost,
  events: number,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const flag = `--max-old-space-size=${BOUNDED_OLD_SPACE_MIB}`;
  const caseName = `${events} events, old space capped at ${BOUNDED_OLD_SPACE_MIB} MiB`;
  try {
    const m = await host.measure(events, { run: 'bounded', nodeFlags: [flag] });
    return oneReplayRows(caseName, events, m, log);
  } catch (error) {
    const reason = String(error).split('\n')[0]!.slice(0, 200);
    log(`replay ${caseName}: did not finish: ${reason}`);
    const row = { suite: 'replay', case: caseName, subject: 'eventfold' };
    return [{ ...row, metric: 'replay rate', value: 0, unit: 'events/s', note: `did not finish: ${reason}` }];
  }
}
