import { cloudbashApp } from '../../examples/cloudbash/cloudbash-app';
import { cloudbashEndToEnd, rushFigures } from '../../examples/cloudbash/cloudbash-end-to-end';
import { localApp } from '../../src/infrastructure/local/runtime/local-app';

process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

// The Cloudbash user test on the local runtime: commands over HTTP, events through DynamoDB Streams and Kinesis.
describe('Cloudbash on the local runtime', () =>
  cloudbashEndToEnd((options) => localApp(cloudbashApp, options), 'local runtime'));

afterAll(() => {
  const rows = [...rushFigures].flatMap(([label, figures]) => [
    `${label}:`,
    ...Object.entries(figures).map(([name, value]) => `  ${name.padEnd(32)} ${String(value).padStart(6)}`),
  ]);
  process.stdout.write(`\nCloudbash ticket rush:\n${rows.join('\n')}\n`);
});
