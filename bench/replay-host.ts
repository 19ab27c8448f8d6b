import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../src/infrastructure/local/free-port';
import { LOCAL_ITERATOR_ARN } from '../src/infrastructure/local/runtime/runtime-config';
import {
  type LocalStepFunctionsServer,
  startLocalStepFunctions,
} from '../src/infrastructure/local/stepfunctions-server';
import { bundleForNode } from './lib/bundle';
import { lambdaOverHttp } from './lib/lambda-relay';
import type { ReplayMeasurement } from './replay-child';
import type { ReplayProjectionKind } from './replay-domain';

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
  return bundleForNode(join(__dirname, 'replay-child.ts'), 'replay-child', [
    'kinesalite',
    'amplify-dynamodb-simulator',
    'aws-local-stepfunctions',
  ]);
}

/**
 * Where replays are measured: each in a child process of its own running the bundled replay child, against this
 * process's emulators (DynamoDB Local, kinesalite, and a local Step Functions engine that invokes the running
 * child's iterator Lambda over HTTP). The child holds eventfold's code and the SDK, not the emulators.
 */
export class ReplayHost {
  private constructor(
    private readonly bundle: string,
    private readonly endpoints: { dynamodb: string; kinesis: string },
    private readonly stepFunctions: LocalStepFunctionsServer,
    /** The port the running child serves its iterator Lambda on; the engine's iterator task calls it. */
    private readonly iterator: { port: number },
  ) {}

  static async start(endpoints: { dynamodb: string; kinesis: string }): Promise<ReplayHost> {
    const iterator = { port: 0 };
    const invoke = lambdaOverHttp(() => `http://127.0.0.1:${iterator.port}`);
    const stepFunctions = await startLocalStepFunctions({ lambdaHandlers: { [LOCAL_ITERATOR_ARN]: invoke } });
    return new ReplayHost(bundleReplayChild(), endpoints, stepFunctions, iterator);
  }

  /** Runs one replay of `events` (already written) in a fresh child process and reads its measurement. */
  async measure(
    events: number,
    { run, nodeFlags = [], projection = 'documents' }: ChildRun = {},
  ): Promise<ReplayMeasurement> {
    this.iterator.port = await freePort();
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

  stop(): Promise<void> {
    return this.stepFunctions.stop();
  }
}
