import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createKinesisClient } from '../src/infrastructure/aws/clients';
import { freePort } from '../src/infrastructure/local/free-port';
import {
  type EventSourceMapping,
  startEventSourceMapping,
} from '../src/infrastructure/local/runtime/event-source-mapping';
import { kinesisStreamSource } from '../src/infrastructure/local/runtime/event-source-mapping-kinesis';
import type { BatchResponse } from '../src/infrastructure/local/runtime/event-source-mapping-types';
import { ensureStream } from '../src/infrastructure/local/runtime/provision';
import { LOCAL_ITERATOR_ARN } from '../src/infrastructure/local/runtime/runtime-config';
import {
  type LocalStepFunctionsServer,
  startLocalStepFunctions,
} from '../src/infrastructure/local/stepfunctions-server';
import { bundleForNode } from './lib/bundle';
import { lambdaOverHttp } from './lib/lambda-relay';
import type { ReplayMeasurement } from './replay-child';
import { REPLAY_SHARDS, replayEnv, type ReplayProjectionKind } from './replay-domain';

const REGION = 'us-east-1';

/** A replay to measure: its name (own read models and streams), extra `node` flags, the projection kind. */
export interface ChildRun {
  readonly run?: string;
  readonly nodeFlags?: readonly string[];
  readonly projection?: ReplayProjectionKind;
}

/**
 * The replay child, bundled as the CDK construct bundles functions. The emulators it reaches over HTTP are left
 * out (the local runtime's modules name them, but the child never loads them).
 */
function bundleReplayChild(): string {
  return bundleForNode(join(__dirname, 'replay-child.ts'), 'replay-child', {
    external: ['kinesalite', 'amplify-dynamodb-simulator', 'aws-local-stepfunctions'],
  });
}

/**
 * Where replays are measured: each in a child process of its own running the bundled replay child, against this
 * process's emulators: DynamoDB Local, kinesalite, a local Step Functions engine that invokes the running child's
 * iterator Lambda over HTTP, and the event source mapping of the replay stream, which invokes the child's projection
 * consumer Lambda the same way. The child holds eventfold's code and the SDK, as a Lambda does; the emulated AWS
 * services stay here.
 */
export class ReplayHost {
  private constructor(
    private readonly bundle: string,
    private readonly endpoints: { dynamodb: string; kinesis: string },
    private readonly stepFunctions: LocalStepFunctionsServer,
    private readonly kinesis: KinesisClient,
    /** The port the running child serves its iterator Lambda on; the engine's iterator task calls it. */
    private readonly iterator: { port: number },
  ) {}

  static async start(endpoints: { dynamodb: string; kinesis: string }): Promise<ReplayHost> {
    const iterator = { port: 0 };
    const invoke = lambdaOverHttp(() => `http://127.0.0.1:${iterator.port}`);
    const stepFunctions = await startLocalStepFunctions({ lambdaHandlers: { [LOCAL_ITERATOR_ARN]: invoke } });
    const kinesis = createKinesisClient({ region: REGION, kinesis: endpoints.kinesis });
    return new ReplayHost(bundleReplayChild(), endpoints, stepFunctions, kinesis, iterator);
  }

  /** Runs one replay of `events` (already written) in a fresh child process and reads its measurement. */
  async measure(events: number, options: ChildRun = {}): Promise<ReplayMeasurement> {
    this.iterator.port = await freePort();
    const consumerPort = await freePort();
    const child = { running: true };
    const mapping = await this.replayStreamMapping(events, options.run, consumerPort, child);
    try {
      return await this.runChild(events, options, consumerPort);
    } finally {
      child.running = false;
      await mapping.stop();
    }
  }

  /**
   * The replay stream's event source mapping (the CDK construct's settings), created with the stream before the
   * child starts, calling the child's consumer. Until the child serves it no record arrives: the child starts the
   * replay only after that.
   */
  private async replayStreamMapping(
    events: number,
    run: string | undefined,
    consumerPort: number,
    child: { running: boolean },
  ): Promise<EventSourceMapping> {
    const stream = replayEnv(events, run).EVENTFOLD_REPLAY_STREAM!;
    await ensureStream(this.kinesis, stream, REPLAY_SHARDS);
    const consumer = lambdaOverHttp(() => `http://127.0.0.1:${consumerPort}`);
    return startEventSourceMapping({
      name: 'replay-consumer',
      source: kinesisStreamSource(this.kinesis, stream, REGION),
      // The consumer answers with its batch item failures (a `BatchResponse`), as on AWS.
      handler: async (batch) => (await consumer(batch)) as BatchResponse | undefined,
      onError: (error) => {
        if (child.running) console.error(`replay-consumer mapping: ${(error as Error).message}`);
      },
    });
  }

  private runChild(
    events: number,
    { run, nodeFlags = [], projection = 'documents' }: ChildRun,
    consumerPort: number,
  ): Promise<ReplayMeasurement> {
    return new Promise<ReplayMeasurement>((resolvePromise, reject) => {
      const child = spawn(process.execPath, [...nodeFlags, '--expose-gc', this.bundle], {
        env: {
          ...process.env,
          BENCH_REPLAY_RUN: run ?? '',
          BENCH_REPLAY_PROJECTION: projection,
          BENCH_REPLAY_EVENTS: String(events),
          BENCH_DYNAMODB: this.endpoints.dynamodb,
          BENCH_KINESIS: this.endpoints.kinesis,
          BENCH_STEPFUNCTIONS: this.stepFunctions.endpoint,
          BENCH_ITERATOR_PORT: String(this.iterator.port),
          BENCH_CONSUMER_PORT: String(consumerPort),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
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

  async stop(): Promise<void> {
    this.kinesis.destroy();
    await this.stepFunctions.stop();
  }
}
