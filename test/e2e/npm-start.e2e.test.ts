import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '../../src/infrastructure/local/free-port';
import { type RuntimeProcess, signalGroup, startRuntimeProcess } from '../support/runtime-process';
import { descendantsOf, isAlive } from './support/processes';
import { ApiClient } from './support/runtime-fixture';

const npmStart = (dataDir: string, port: number) =>
  startRuntimeProcess(['--data-dir', dataDir, '--port', String(port)]);

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'eventfold-e2e-'));
  let running: RuntimeProcess | undefined;

  afterAll(() => {
    if (running) signalGroup(running.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the pipeline, prints where to send requests, and Ctrl-C (pressed twice) leaves no process behind', async () => {
    const port = await freePort();
    running = await npmStart(dataDir, port);
    const url = `http://127.0.0.1:${port}`;
    expect(running.output()).toContain(url);
    expect(running.output()).toContain('curl');
    const api = new ApiClient(url);
    const created = await api.post('/commands/CreateOrder', {
      orderId: 's-1',
      customerId: 'c',
      lines: [{ sku: 'a', quantity: 1 }],
    });
    expect(created.status).toBe(200);
    const family = descendantsOf(running.child.pid!);
    expect(family.some((p) => p.command.includes('DynamoDBLocal.jar'))).toBe(true);
    console.log(`npm start: ready in ${Math.round(running.readyMs)} ms with ${family.length} processes`);
    process.kill(-running.child.pid!, 'SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (running.child.exitCode === null) process.kill(-running.child.pid!, 'SIGINT');
    await running.exited;
    expect(running.output()).toContain('stopped.');
    await waitFor(
      async () => family.every((p) => !isAlive(p.pid)),
      'every process of the runtime to end',
      15_000,
    );
  }, 180_000);

  it('keeps the data in --data-dir across a restart, and SIGTERM to the runtime alone stops its children', async () => {
    const port = await freePort();
    running = await npmStart(dataDir, port);
    const api = new ApiClient(`http://127.0.0.1:${port}`);
    const stream = await api.get('/streams/Order%23s-1');
    expect(stream.body.events.map((e: { type: string }) => e.type)).toEqual(['OrderCreated']);
    const again = await api.post('/commands/CreateOrder', {
      orderId: 's-1',
      customerId: 'c',
      lines: [{ sku: 'a', quantity: 1 }],
    });
    expect(again.status).toBe(422);
    const family = descendantsOf(running.child.pid!);
    const main = family.find((p) => p.command.includes('scripts/start.js') && !p.command.startsWith('sh '));
    expect(main).toBeDefined();
    process.kill(main!.pid, 'SIGTERM');
    await running.exited;
    await waitFor(
      async () => family.every((p) => !isAlive(p.pid)),
      'every process of the runtime to end',
      15_000,
    );
  }, 180_000);
});
