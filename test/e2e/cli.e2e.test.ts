import { e2eApp } from './support/e2e-app';
import { waitFor } from '../../src/infrastructure/local/free-port';
import { useRuntime } from './support/runtime-fixture';
import { cli } from './support/run-cli';

describe('eventfold CLI', () => {
  const env = useRuntime(e2eApp);

  it('runs a command, publishes an event and shows the stream', async () => {
    const { url } = env().runtime;
    const data = JSON.stringify({ orderId: 'cli-1', customerId: 'c', lines: [{ sku: 'a', quantity: 1 }] });
    expect((await cli(url, 'command', 'CreateOrder', '--data', data)).code).toBe(0);
    const lines = JSON.stringify({ orderId: 'cli-1', lines: [{ sku: 'b', quantity: 2 }] });
    const published = await cli(url, 'publish', 'Order#cli-1', 'OrderUpdated', '-e', '1', '--data', lines);
    expect(published.code).toBe(0);
    const shown = await cli(url, 'stream', 'Order#cli-1');
    expect(shown.out).toMatch(/Order#cli-1: 2 event\(s\)/);
    expect(shown.out).toMatch(/v2 .* OrderUpdated \(v1\)/);
  });

  it('lists rows by prefix through every page, reads one row, and answers an unknown projection with 404', async () => {
    const { url } = env().runtime;
    for (const id of ['cli-a', 'cli-b']) {
      const data = JSON.stringify({ accountId: id, holderName: id, openingBalance: 100 });
      expect((await cli(url, 'command', 'OpenAccount', '--data', data)).code).toBe(0);
    }
    const pay = JSON.stringify({ accountId: 'cli-a', payeeAccountId: 'cli-b', paymentId: 'x', amount: 3 });
    expect((await cli(url, 'command', 'Pay', '--data', pay)).code).toBe(0);
    const day = `day#${new Date().toISOString().slice(0, 10)}`;
    let listed = await cli(url, 'rows', 'paid-per-day', '--prefix', 'day#', '--limit', '1', '--all');
    await waitFor(
      async () => {
        listed = await cli(url, 'rows', 'paid-per-day', '--prefix', 'day#', '--limit', '1', '--all');
        return listed.out.includes('"payments":1');
      },
      'the row',
      30_000,
    );
    expect(JSON.parse(listed.out)).toEqual({ key: day, paid: 3, payments: 1, received: 3 });
    expect(JSON.parse((await cli(url, 'row', 'paid-per-day', day)).out)).toMatchObject({ paid: 3 });
    const unknown = await cli(url, 'rows', 'nope');
    expect([unknown.code, unknown.err]).toEqual([1, expect.stringContaining('404 NOT_FOUND')]);
  });

  it('prints the API error with its code and exits 1 on a conflict', async () => {
    const { url } = env().runtime;
    const data = JSON.stringify({ orderId: 'cli-1', lines: [{ sku: 'b', quantity: 2 }] });
    const conflict = await cli(url, 'publish', 'Order#cli-1', 'OrderUpdated', '-e', '0', '--data', data);
    expect(conflict.code).toBe(1);
    expect(conflict.err).toContain('409 CONCURRENCY_CONFLICT');
  });

  it('replays a stream with a progress bar and reports it done', async () => {
    const replay = await cli(env().runtime.url, 'replay', '--stream', 'Order#cli-1');
    expect(replay.code).toBe(0);
    expect(replay.out).toMatch(/SUCCEEDED: 2 event\(s\)/);
    expect(replay.drawn).toContain('2/2 events');
  }, 60_000);

  it('rebuilds a projection until the flip, shows it, and rolls it back', async () => {
    const { url } = env().runtime;
    const rebuild = await cli(url, 'rebuild', 'e2e-order-summaries');
    expect(rebuild.code).toBe(0);
    expect(rebuild.out).toMatch(/FLIPPED/);
    const rollback = await cli(url, 'rollback', 'e2e-order-summaries');
    expect(rollback.code).toBe(0);
    expect(rollback.out).toMatch(/active blue/);
    expect((await cli(url, 'document', 'e2e-order-summaries', 'Order#cli-1')).out).toContain(
      '"lineCount": 1',
    );
  }, 90_000);
});
