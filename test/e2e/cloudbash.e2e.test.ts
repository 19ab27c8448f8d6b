import { cloudbashApp } from '../../examples/cloudbash/cloudbash-app';
import {
  type CloudbashTestApp,
  cloudbashEndToEnd,
  rushFigures,
} from '../../examples/cloudbash/cloudbash-end-to-end';
import type { Duration } from '../../src/domain/duration';
import { errorOfAnswer } from '../../src/infrastructure/client/eventfold-client';
import { type LocalAppOptions, localApp } from '../../src/infrastructure/local/runtime/local-app';

process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

/** The local runtime's app, with its clock moved over `POST /local/clock` (answered once due timers were delivered). */
async function localCloudbash(options: LocalAppOptions): Promise<CloudbashTestApp> {
  const app = await localApp(cloudbashApp, options);
  const advance = async (by: Duration) => {
    const response = await fetch(`${app.runtime.url}/local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advance: by }),
    });
    const body: unknown = await response.json();
    if (!response.ok) throw errorOfAnswer(response.status, body);
  };
  return { ...app, advance };
}

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
