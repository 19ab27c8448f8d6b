import { type EventfoldApp, projectionNames } from '../../container/eventfold-app';
import type { LocalRuntime } from './local-runtime';

const SAMPLE_ORDER = JSON.stringify({
  orderId: 'o-1',
  customerId: 'c-1',
  lines: [{ sku: 'apple', quantity: 2 }],
});

function tryLines(url: string, app: EventfoldApp): string[] {
  const commands = app.domain.commandNames();
  const projection = projectionNames(app)[0];
  const command = commands.includes('CreateOrder') ? 'CreateOrder' : commands[0];
  const body = command === 'CreateOrder' ? SAMPLE_ORDER : '{...}';
  const json = "-H 'content-type: application/json'";
  // The examples' sample order, or placeholders: another app's stream ids cannot be guessed.
  const streamId = command === 'CreateOrder' ? 'Order%23o-1' : '<Type>%23<id>';
  return [
    ...(command ? [`    curl -s -X POST ${url}/commands/${command} ${json} -d '${body}'`] : []),
    `    curl -s ${url}/streams/${streamId}`,
    ...(projection ? [`    curl -s ${url}/projections/${projection}/documents/${streamId}`] : []),
    `    curl -s -X POST ${url}/replays ${json} -d '{"kind":"all"}'`,
  ];
}

/** What `npm start` prints once the runtime is up: where to send requests, with examples, and what persists. */
export function runtimeBanner(
  runtime: LocalRuntime,
  app: EventfoldApp,
  startupMs: number,
  dataDir: string | undefined,
): string {
  const url = runtime.url;
  const storage = dataDir
    ? `data: ${dataDir} (tables, streams and mapping checkpoints persist; queues and running replays do not)`
    : 'data: in memory (gone on exit)';
  return [
    `eventfold local runtime ready in ${(startupMs / 1000).toFixed(1)} s`,
    `  API          ${url}   (OpenAPI: ${url}/openapi.json)`,
    `  commands     ${app.domain.commandNames().join(', ') || '(none)'}`,
    `  projections  ${projectionNames(app).join(', ') || '(none)'}`,
    `  ${storage}`,
    '',
    '  try:',
    ...tryLines(url, app),
    '',
    '  Ctrl-C stops everything.',
  ].join('\n');
}
