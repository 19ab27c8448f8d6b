import type { LocalRuntime } from './local-runtime';

/** What `npm start` prints once the runtime is up: where to send requests, with examples, and what persists. */
export function runtimeBanner(runtime: LocalRuntime, startupMs: number, dataDir: string | undefined): string {
  const url = runtime.url;
  const body = JSON.stringify({ orderId: 'o-1', customerId: 'c-1', lines: [{ sku: 'apple', quantity: 2 }] });
  const storage = dataDir
    ? `data: ${dataDir} (tables, streams and mapping checkpoints persist; queues and running replays do not)`
    : 'data: in memory (gone on exit)';
  return [
    `eventfold local runtime ready in ${(startupMs / 1000).toFixed(1)} s`,
    `  API      ${url}   (OpenAPI: ${url}/openapi.json)`,
    `  ${storage}`,
    '',
    '  try:',
    `    curl -s -X POST ${url}/commands/CreateOrder -H 'content-type: application/json' -d '${body}'`,
    `    curl -s ${url}/streams/Order%23o-1`,
    `    curl -s -X POST ${url}/replays -d '{"kind":"all"}'`,
    '',
    '  Ctrl-C stops everything.',
  ].join('\n');
}
