import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventfoldApi } from '../../../src/cli/api-client';
import { MAX_CLEAR_CALLS, startRebuild } from '../../../src/cli/commands/start-rebuild';

/** A real HTTP server answering the rebuild call with the given answers in turn (the last one repeats). */
async function serving(
  answers: Array<{ status: number; body: unknown }>,
): Promise<{ server: Server; url: string; calls: () => number }> {
  let calls = 0;
  const server = createServer((_, response) => {
    const answer = answers[Math.min(calls, answers.length - 1)]!;
    calls += 1;
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, calls: () => calls };
}

const clearing = {
  status: 503,
  body: { code: 'TEMPORARILY_UNAVAILABLE', message: 'table t not cleared yet (the time budget ran out)' },
};
const started = { status: 202, body: { rebuildId: 'r1', replayId: 'p1' } };

describe('eventfold rebuild: starting while the standby is cleared over several calls', () => {
  const lines: string[] = [];
  const io = { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t) };
  beforeEach(() => (lines.length = 0));

  it('calls again while the API answers 503 TEMPORARILY_UNAVAILABLE, printing each', async () => {
    const { server, url, calls } = await serving([clearing, clearing, started]);
    try {
      const result = await startRebuild(new EventfoldApi(url), '/projections/p/rebuild', io);
      expect(result).toEqual({ rebuildId: 'r1', replayId: 'p1' });
      expect(calls()).toBe(3);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain('not cleared yet (call 1)');
    } finally {
      server.close();
    }
  });

  it('does not repeat other errors', async () => {
    const busy = { status: 422, body: { code: 'RULE_VIOLATION', message: 'a rebuild is running' } };
    const { server, url, calls } = await serving([busy, started]);
    try {
      await expect(startRebuild(new EventfoldApi(url), '/projections/p/rebuild', io)).rejects.toMatchObject({
        status: 422,
      });
      expect(calls()).toBe(1);
    } finally {
      server.close();
    }
  });

  it(`gives up after ${MAX_CLEAR_CALLS} calls`, async () => {
    const { server, url, calls } = await serving([clearing]);
    try {
      await expect(startRebuild(new EventfoldApi(url), '/projections/p/rebuild', io)).rejects.toMatchObject({
        status: 503,
      });
      expect(calls()).toBe(MAX_CLEAR_CALLS);
    } finally {
      server.close();
    }
  });
});
