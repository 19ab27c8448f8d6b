import { execFileSync } from 'node:child_process';

/** What one fresh process spent loading a bundle and serving its first event. */
export interface ColdStart {
  /** User + system CPU from the first line of the bundle to the end of the first invocation, in ms. */
  readonly initCpuMs: number;
  readonly wallMs: number;
  /** Resident set size after the first invocation, in bytes. */
  readonly rss: number;
}

/** Runs in the fresh process: loads the bundle, invokes its handler once, prints what it cost. */
const PROBE = `
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const { handler } = require(process.env.COLD_START_BUNDLE);
Promise.resolve()
  .then(() => handler(JSON.parse(process.env.COLD_START_EVENT), {}))
  .then(() => null, (e) => String(e && e.name))
  .then((error) => {
    const cpu = process.cpuUsage(cpu0);
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    process.stdout.write(JSON.stringify({ initCpuMs: (cpu.user + cpu.system) / 1000, wallMs, rss: process.memoryUsage().rss, error }));
  });
`;

/** The environment a deployed function has, with made-up names and endpoints no invocation reaches. */
const FUNCTION_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'cold-start',
  AWS_SECRET_ACCESS_KEY: 'cold-start',
  EVENTFOLD_DLQ_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/cold-start',
  EVENTFOLD_REPLAY_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:cold-start',
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
};

/**
 * Loads `bundle` in a new Node process, invokes its handler with `event` once, and returns what that cost.
 * Throws when the invocation failed otherwise than with `expectedError` (the name of the error it should raise).
 */
export function coldStartOnce(
  bundle: string,
  event: unknown,
  expectedError: string | null = null,
): ColdStart {
  const out = execFileSync(process.execPath, ['-e', PROBE], {
    env: {
      PATH: process.env.PATH,
      ...FUNCTION_ENV,
      COLD_START_BUNDLE: bundle,
      COLD_START_EVENT: JSON.stringify(event),
    },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 60_000,
  });
  const { error, ...start } = JSON.parse(out) as ColdStart & { error: string | null };
  if (error !== expectedError) {
    throw new Error(`cold start of ${bundle}: the invocation ended with ${error}, not ${expectedError}`);
  }
  return start;
}
