import { cloudbashApp } from '../../examples/cloudbash/cloudbash-app';
import {
  type CloudbashTestApp,
  cloudbashEndToEnd,
  rushFigures,
} from '../../examples/cloudbash/cloudbash-end-to-end';
import { type LocalAppOptions, localApp } from '../../src/infrastructure/local/runtime/local-app';

process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

/** The local runtime's app: `advance` moves its scheduler's clock and answers once due timers were delivered. */
const localCloudbash = (options: LocalAppOptions): Promise<CloudbashTestApp> =>
  localApp(cloudbashApp, options);

// The Cloudbash user test on the local runtime: commands over HTTP, events through DynamoDB Streams and Kinesis,
// timers through the runtime's scheduler.
describe('Cloudbash on the local runtime', () => cloudbashEndToEnd(localCloudbash, 'local runtime'));

afterAll(() => {
  const rows = [...rushFigures].flatMap(([label, figures]) => [
    `${label}:`,
    ...Object.entries(figures).map(([name, value]) => `  ${name.padEnd(32)} ${String(value).padStart(6)}`),
  ]);
  process.stdout.write(`\nCloudbash ticket rush:\n${rows.join('\n')}\n`);
});
