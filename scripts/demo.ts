/**
 * `npm run demo`: a scripted scenario through the HTTP API on the embedded runtime — commands on two example
 * domains, the read model catching up, bad requests refused, a replay of everything, and a projection rebuild that
 * swaps tables — followed by a short report of what was measured.
 */
import 'reflect-metadata';
import { EventfoldApi, ApiError } from '../src/cli/api-client';
import { defineEventfoldApp } from '../src/infrastructure/container/eventfold-app';
import { waitFor } from '../src/infrastructure/local/free-port';
import { startLocalRuntime } from '../src/infrastructure/local/runtime/local-runtime';
import { allExampleProjections, exampleBindings, examplesDomain } from '../examples';

process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

const ORDERS = 25;
const report: Array<[string, string]> = [];
const note = (what: string, value: string) => {
  report.push([what, value]);
  console.log(`  ${what}: ${value}`);
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const line = (sku: string, quantity: number) => ({ sku, quantity });

async function refused(api: EventfoldApi, path: string, body: unknown): Promise<string> {
  try {
    await api.post(path, body);
    return 'accepted (unexpected)';
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return `${error.status} ${(error.body as { code: string }).code}`;
  }
}

async function commands(api: EventfoldApi): Promise<number> {
  let events = 0;
  const run = async (name: string, body: unknown) => {
    events += (await api.post<{ events: unknown[] }>(`/commands/${name}`, body)).events.length;
  };
  for (let i = 0; i < ORDERS; i += 1) {
    await run('CreateOrder', {
      orderId: `o-${i}`,
      customerId: `c-${i % 5}`,
      lines: [line('apple', 1 + (i % 3))],
    });
  }
  for (let i = 0; i < ORDERS; i += 5)
    await run('UpdateOrder', { orderId: `o-${i}`, lines: [line('pear', 4), line('fig', 1)] });
  await run('DeleteOrder', { orderId: 'o-1' });
  await run('OpenAccount', { accountId: 'alice', holderName: 'Alice', openingBalance: 10_000 });
  await run('OpenAccount', { accountId: 'bob', holderName: 'Bob', openingBalance: 0 });
  for (let p = 0; p < 5; p += 1)
    await run('Pay', { accountId: 'alice', payeeAccountId: 'bob', paymentId: `p-${p}`, amount: 500 });
  return events;
}

async function documentOf(
  api: EventfoldApi,
  id: string,
): Promise<{ itemCount: number; status: string } | undefined> {
  try {
    return await api.get(`/projections/order-documents/documents/${encodeURIComponent(`Order#${id}`)}`);
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  console.log(
    'eventfold demo: starting the embedded runtime (DynamoDB Local, kinesalite, SQS, Step Functions) ...',
  );
  let t = Date.now();
  const app = defineEventfoldApp({
    domain: examplesDomain,
    projections: allExampleProjections,
    bindings: exampleBindings,
  });
  const runtime = await startLocalRuntime({ app, mappings: { pollIntervalMs: 100 } });
  const api = new EventfoldApi(runtime.url);
  try {
    note('runtime ready', `${seconds(Date.now() - t)} at ${runtime.url}`);

    console.log('\n1. commands through POST /commands/{name}');
    t = Date.now();
    const stored = await commands(api);
    note(
      'commands',
      `${ORDERS} orders created, 5 updated, 1 deleted, 2 accounts, 5 payments -> ${stored} events in ${seconds(Date.now() - t)}`,
    );

    console.log('\n2. the read model catches up (stream -> forwarder -> Kinesis -> projection consumer)');
    t = Date.now();
    await waitFor(
      async () => (await documentOf(api, `o-${ORDERS - 1}`)) !== undefined,
      'the last order document',
      30_000,
    );
    await waitFor(
      async () => (await documentOf(api, 'o-1'))?.status === 'deleted',
      'the deleted order',
      30_000,
    );
    note('projection caught up', `${seconds(Date.now() - t)} after the last command`);
    note('order o-0 document', JSON.stringify(await documentOf(api, 'o-0')));

    console.log('\n3. bad requests are refused and store nothing');
    const length = async () => (await api.get<{ events: unknown[] }>('/streams/Order%23o-0')).events.length;
    const lengthBefore = await length();
    note(
      'stale expectedVersion',
      await refused(api, '/events', {
        streamId: 'Order#o-0',
        expectedVersion: 0,
        type: 'OrderDeleted',
        data: { orderId: 'o-0' },
      }),
    );
    note('unknown command', await refused(api, '/commands/ShipOrder', { orderId: 'o-0' }));
    note(
      'overdraft (business rule)',
      await refused(api, '/commands/Pay', {
        accountId: 'bob',
        payeeAccountId: 'alice',
        paymentId: 'x',
        amount: 999_999,
      }),
    );

    note('stream Order#o-0', `${lengthBefore} events before the bad requests, ${await length()} after`);

    console.log('\n4. a replay of every event (Step Functions -> iterator -> replay stream)');
    t = Date.now();
    const { replayId } = await api.post<{ replayId: string }>('/replays', { kind: 'all' });
    let replay: { state: string; eventsPublished: number; pages: number } = {
      state: 'RUNNING',
      eventsPublished: 0,
      pages: 0,
    };
    await waitFor(
      async () => (replay = await api.get(`/replays/${replayId}`)).state !== 'RUNNING',
      'the replay',
      60_000,
    );
    note(
      'replay',
      `${replay.state}: ${replay.eventsPublished} events in ${replay.pages} page(s), ${seconds(Date.now() - t)}`,
    );

    console.log('\n5. a rebuild of order-documents into the standby table, then the swap');
    t = Date.now();
    const before = await api.get<{ pointer: { active: string } }>('/projections/order-documents');
    await api.post('/projections/order-documents/rebuild');
    let view: { pointer: { active: string; previous?: string }; rebuild?: { state: string } } = before;
    await waitFor(
      async () => (view = await api.get('/projections/order-documents')).rebuild?.state === 'FLIPPED',
      'the flip',
      90_000,
    );
    note(
      'rebuild',
      `${view.rebuild?.state}: active ${before.pointer.active} -> ${view.pointer.active} in ${seconds(Date.now() - t)}`,
    );
    note('o-0 from the new table', JSON.stringify(await documentOf(api, 'o-0')));
    const rolledBack = await api.post<{ pointer: { active: string } }>(
      '/projections/order-documents/rollback',
    );
    note('rollback', `active is ${rolledBack.pointer.active} again (one call)`);
  } finally {
    await runtime.stop();
  }
  console.log('\nreport');
  for (const [what, value] of report) console.log(`  ${what.padEnd(28)} ${value}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('demo failed:', error);
    process.exit(1);
  },
);
