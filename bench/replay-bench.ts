import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { configFromEnv } from '../src/infrastructure/config';
import { ensureEventStoreTables } from '../src/infrastructure/dynamodb/tables';
import type { BenchRow } from './lib/report';
import { timed } from './lib/stats';
import type { ReplayMeasurement } from './replay-child';
import { replayEnv } from './replay-domain';
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
 * The old-space limit of the bounded-heap run: about the replaying process's live heap (~50 MiB, most of it
 * ts-node's TypeScript) plus a small margin. A replay that kept events would run out of it.
 */
export const BOUNDED_OLD_SPACE_MIB = 96;

/** A further run of a size: its name (own read models and streams) and extra `node` flags. */
interface ChildRun {
  readonly run?: string;
  readonly nodeFlags?: readonly string[];
}

/** Runs the replay of one size in a child process and reads its measurement. */
function measureInChild(
  events: number,
  endpoints: { dynamodb: string; kinesis: string },
  { run, nodeFlags = [] }: ChildRun = {},
) {
  return new Promise<ReplayMeasurement>((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...nodeFlags,
        '--expose-gc',
        '-r',
        'ts-node/register/transpile-only',
        join(__dirname, 'replay-child.ts'),
      ],
      {
        env: {
          ...process.env,
          BENCH_REPLAY_RUN: run ?? '',
          BENCH_REPLAY_EVENTS: String(events),
          BENCH_DYNAMODB: endpoints.dynamodb,
          BENCH_KINESIS: endpoints.kinesis,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) reject(new Error(`replay child exited ${code}: ${out.slice(-2000)}`));
      else resolvePromise(JSON.parse(last) as ReplayMeasurement);
    });
  });
}

/**
 * Replays `sizes` events each into a projection through the real replay path and reports events/s and the
 * replaying process's peak memory (resident set; the note has the baseline, growth and peak heap).
 */
export async function benchReplay(
  client: DynamoDBClient,
  endpoints: { dynamodb: string; kinesis: string },
  sizes: readonly number[],
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const events of sizes) {
    const { ms: writeMs } = await timed(() => writeEvents(client, endpoints.dynamodb, events));
    log(`replay ${events}: wrote the events in ${(writeMs / 1000).toFixed(1)} s`);
    const m = await measureInChild(events, endpoints);
    const rate = events / (m.ms / 1000);
    const mib = (bytes: number) => bytes / MiB;
    log(`replay ${events}: ${rate.toFixed(0)} events/s, peak RSS ${mib(m.peakRss).toFixed(0)} MiB`);
    const caseName = `${events} events`;
    rows.push(
      {
        suite: 'replay',
        case: caseName,
        subject: 'eventfold',
        metric: 'replay rate',
        value: rate,
        unit: 'events/s',
        note: `${(m.ms / 1000).toFixed(1)} s (published in ${(m.publishedMs / 1000).toFixed(1)} s), ${m.pages} pages, ${m.executions} executions`,
      },
      {
        suite: 'replay',
        case: caseName,
        subject: 'eventfold',
        metric: 'peak RSS',
        value: mib(m.peakRss),
        unit: 'MiB',
        note: `baseline ${mib(m.baselineRss).toFixed(0)} MiB, growth ${mib(m.peakRss - m.baselineRss).toFixed(0)} MiB, peak heap ${mib(m.peakHeapUsed).toFixed(0)} MiB`,
      },
      {
        suite: 'replay',
        case: caseName,
        subject: 'eventfold',
        metric: 'heap left after the replay',
        value: mib(m.heapAfter),
        unit: 'MiB',
        note: 'heap in use once the read model has every event, after a forced GC',
      },
    );
    // A full GC may not happen in a short replay; then there is nothing to report.
    if (m.fullGcs > 0)
      rows.push({
        suite: 'replay',
        case: caseName,
        subject: 'eventfold',
        metric: 'heap after full GC (peak)',
        value: mib(m.peakHeapAfterFullGc),
        unit: 'MiB',
        note: `heap in use right after each of the ${m.fullGcs} full GCs during the replay, the highest`,
      });
  }
  rows.push(...(await boundedHeapRows(sizes[sizes.length - 1]!, endpoints, log)));
  return rows;
}

/**
 * Replays the largest size again (same events, fresh read model) with V8's old space capped at
 * `BOUNDED_OLD_SPACE_MIB`: evidence that the replay streams. Not the peak-memory target, which is measured
 * above with V8's default limits.
 */
async function boundedHeapRows(
  events: number,
  endpoints: { dynamodb: string; kinesis: string },
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const flag = `--max-old-space-size=${BOUNDED_OLD_SPACE_MIB}`;
  const caseName = `${events} events, old space capped at ${BOUNDED_OLD_SPACE_MIB} MiB`;
  const row = { suite: 'replay', case: caseName, subject: 'eventfold' };
  try {
    const m = await measureInChild(events, endpoints, { run: 'bounded', nodeFlags: [flag] });
    const rate = events / (m.ms / 1000);
    log(`replay ${caseName}: ${rate.toFixed(0)} events/s, peak RSS ${(m.peakRss / MiB).toFixed(0)} MiB`);
    return [
      {
        ...row,
        metric: 'replay rate',
        value: rate,
        unit: 'events/s',
        note: `${m.fullGcs} full GCs during the replay`,
      },
      {
        ...row,
        metric: 'peak RSS',
        value: m.peakRss / MiB,
        unit: 'MiB',
        note: `baseline ${(m.baselineRss / MiB).toFixed(0)} MiB, peak heap ${(m.peakHeapUsed / MiB).toFixed(0)} MiB`,
      },
    ];
  } catch (error) {
    const reason = String(error).split('\n')[0]!.slice(0, 200);
    log(`replay ${caseName}: did not finish: ${reason}`);
    return [{ ...row, metric: 'replay rate', value: 0, unit: 'events/s', note: `did not finish: ${reason}` }];
  }
}
