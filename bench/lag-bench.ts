import { randomUUID } from 'node:crypto';
import { ProjectionTokens } from '../src/infrastructure/container/projection-bindings';
import { resolve } from '../src/infrastructure/container/tokens';
import { WriteTokens } from '../src/infrastructure/container/write-bindings';
import { waitFor } from '../src/infrastructure/local/free-port';
import { startLocalRuntime } from '../src/infrastructure/local/runtime/local-runtime';
import { lagBenchApp, LagProbe } from './lag-domain';
import type { BenchRow } from './lib/report';
import { percentile } from './lib/stats';

const RATE = 25;
const STREAMS = 50;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Live lag on the embedded runtime (DynamoDB Streams -> forwarder -> Kinesis -> consumer, through the emulated event
 * source mappings with their default settings): a steady writer commits one event RATE times a second, round-robin
 * over STREAMS counters. Two measures: the projection's own apply time minus the commit time, for every event; and,
 * for a sample (one commit watched at a time), the time until the read model shows the event, polled every 20 ms.
 */
export async function benchLag(seconds: number, log: (line: string) => void): Promise<BenchRow[]> {
  const probe = new LagProbe();
  const runtime = await startLocalRuntime({ app: lagBenchApp(probe) });
  try {
    const store = resolve(runtime.container, WriteTokens.eventStore);
    const reader = resolve(runtime.container, ProjectionTokens.reader);
    const versions = new Array<number>(STREAMS).fill(0);
    const chains = new Array<Promise<void>>(STREAMS).fill(Promise.resolve());
    const polled: number[] = [];
    let watching = false;
    const watch = async (streamId: string, version: number, began: number) => {
      watching = true;
      await waitFor(
        async () =>
          Number((await reader.document({ projection: 'bench-lag', slot: 'blue' }, streamId))?.count) >=
          version,
        'the read model',
        60_000,
      );
      polled.push(Date.now() - began);
      watching = false;
    };
    const commit = async (s: number) => {
      const streamId = `BenchCounter#lag-${s}`;
      const began = Date.now();
      const expectedVersion = versions[s]!;
      const event = { eventId: randomUUID(), type: 'CounterIncremented', schemaVersion: 1, data: { by: 1 } };
      await store.commit({
        commitId: randomUUID(),
        streams: [{ streamId, expectedVersion, events: [event], freshEventIds: true }],
      });
      versions[s] = expectedVersion + 1;
      if (!watching) void watch(streamId, expectedVersion + 1, began);
    };
    const total = RATE * seconds;
    const start = Date.now();
    for (let i = 0; i < total; i += 1) {
      await sleep(Math.max(0, start + (i * 1000) / RATE - Date.now()));
      const s = i % STREAMS;
      chains[s] = chains[s]!.then(() => commit(s));
    }
    await Promise.all(chains);
    await waitFor(async () => probe.applied.size >= total && !watching, 'every event applied', 120_000);
    const lags = [...probe.applied.values()];
    log(
      `lag: ${lags.length} events, p50 ${percentile(lags, 50)} ms, p99 ${percentile(lags, 99)} ms; ${polled.length} polled`,
    );
    const caseName = `${RATE} commits/s for ${seconds} s`;
    const row = (metric: string, value: number, note: string): BenchRow => ({
      suite: 'lag',
      case: caseName,
      subject: 'eventfold',
      metric,
      value,
      unit: 'ms',
      note,
    });
    const applyNote = `${lags.length} events; commit time to projection apply`;
    const pollNote = `${polled.length} sampled commits; append call to read model showing it (20 ms polls)`;
    return [
      row('p50 lag (apply)', percentile(lags, 50), applyNote),
      row('p99 lag (apply)', percentile(lags, 99), applyNote),
      row('p50 lag (read model)', percentile(polled, 50), pollNote),
      row('p99 lag (read model)', percentile(polled, 99), pollNote),
    ];
  } finally {
    await runtime.stop();
  }
}
