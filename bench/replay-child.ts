import 'reflect-metadata';
import { startComposedRuntime } from '../chaos/runtime/composed-runtime';
import { ProjectionTokens } from '../src/infrastructure/container/projection-bindings';
import { ReplayTokens } from '../src/infrastructure/container/replay-bindings';
import { resolve } from '../src/infrastructure/container/tokens';
import { waitFor } from '../src/infrastructure/local/free-port';
import { serveLambda } from './lib/lambda-relay';
import { timed, withPeakMemory } from './lib/stats';
import {
  REPLAY_PROJECTIONS,
  REPLAY_SHARDS,
  replayBenchApp,
  replayEnv,
  type ReplayProjectionKind,
} from './replay-domain';

process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';

/** What one replay measurement prints (the last line of its output, JSON). */
export interface ReplayMeasurement {
  readonly events: number;
  readonly ms: number;
  /** Until the replay's workflow finished publishing (the rest is the consumer catching up). */
  readonly publishedMs: number;
  readonly baselineRss: number;
  readonly peakRss: number;
  readonly peakHeapUsed: number;
  readonly peakHeapAfterFullGc: number;
  readonly fullGcs: number;
  /** Heap in use once the replay is over, after a forced GC: anything kept per event would show here. */
  readonly heapAfter: number;
  readonly pages: number;
  readonly executions: number;
}

/**
 * One replay, in a process of its own so that its memory is the replay's alone: the events are already in the
 * DynamoDB Local and the streams in the kinesalite of the parent process. The parent's local Step Functions engine
 * calls this process's iterator Lambda over HTTP, and the parent's event source mapping on the replay stream calls
 * its projection consumer Lambda the same way. So the emulated AWS services stay out of this process, as AWS's
 * stay out of a Lambda's. Runs the real replay path (replay service -> Step Functions -> iterator Lambda -> replay
 * stream -> consumer mapping -> projection consumer -> read model) and waits until the read model counts every
 * event.
 */
async function main(): Promise<void> {
  const events = Number(process.env.BENCH_REPLAY_EVENTS);
  const kind = (process.env.BENCH_REPLAY_PROJECTION || 'documents') as ReplayProjectionKind;
  const projection = REPLAY_PROJECTIONS[kind];
  const runtime = await startComposedRuntime({
    app: replayBenchApp(kind),
    external: {
      dynamodb: process.env.BENCH_DYNAMODB!,
      kinesis: process.env.BENCH_KINESIS!,
      stepFunctions: process.env.BENCH_STEPFUNCTIONS!,
    },
    env: replayEnv(events, process.env.BENCH_REPLAY_RUN),
    run: { forwarder: false, projection: false, replay: false },
    shards: REPLAY_SHARDS,
  });
  // The iterator and the consumer Lambda run here, invoked over HTTP by the parent's Step Functions engine and
  // replay stream mapping.
  const iterator = await serveLambda(runtime.replayIterator, Number(process.env.BENCH_ITERATOR_PORT));
  const consumer = await serveLambda(runtime.projectionConsumer, Number(process.env.BENCH_CONSUMER_PORT));
  try {
    const replays = resolve(runtime.container, ReplayTokens.replays);
    const reader = resolve(runtime.container, ProjectionTokens.reader);
    const applied = async () => {
      return projection.counted(await reader.dump({ projection: projection.name, slot: 'blue' }));
    };
    const measured = await withPeakMemory(() =>
      timed(async () => {
        const began = Date.now();
        const replayId = await replays.start({ kind: 'all' });
        await waitFor(async () => (await replays.status(replayId)).state !== 'RUNNING', 'replay', 1_200_000);
        const status = { ...(await replays.status(replayId)), publishedMs: Date.now() - began };
        if (status.state !== 'SUCCEEDED') throw new Error(`replay ${status.state}: ${status.error}`);
        // Every 500 ms: the check scans the whole read model, which should not weigh on the measurement.
        while ((await applied()) !== events) await new Promise((r) => setTimeout(r, 500));
        return status;
      }),
    );
    const status = measured.result.result;
    global.gc?.();
    const heapAfter = process.memoryUsage().heapUsed;
    const out: ReplayMeasurement = {
      events,
      ms: measured.result.ms,
      baselineRss: measured.baselineRss,
      peakRss: measured.peakRss,
      peakHeapUsed: measured.peakHeapUsed,
      peakHeapAfterFullGc: measured.peakHeapAfterFullGc,
      fullGcs: measured.fullGcs,
      heapAfter,
      publishedMs: status.publishedMs,
      pages: status.pages,
      executions: status.executions,
    };
    console.log(JSON.stringify(out));
  } finally {
    await Promise.all([iterator.stop(), consumer.stop()]);
    await runtime.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
