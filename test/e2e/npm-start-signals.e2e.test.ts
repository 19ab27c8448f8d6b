import type { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { freePort, waitFor } from '../../src/infrastructure/local/free-port';
import { signalGroup, startRuntimeProcess } from '../support/runtime-process';
import { descendantsOf, isAlive } from './support/processes';
import { isLoopback, listeningSockets } from './support/sockets';

interface Running {
  readonly npm: ChildProcess;
  readonly port: number;
}

async function npmStart(): Promise<Running> {
  const port = await freePort();
  const started = await startRuntimeProcess(['--in-memory', '--port', String(port)], {
    readyWithinMs: 150_000,
  });
  return { npm: started.child, port };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(socket.destroy() === socket));
    socket.once('error', () => resolve(false));
  });
}

/** What is still there 20 s after the signal: processes of the runtime's family, and ports that accept. */
async function leftAfter(family: Array<{ pid: number; command: string }>, sockets: Array<{ port: number }>) {
  await waitFor(async () => family.every((p) => !isAlive(p.pid)), 'the runtime to end', 20_000).catch(
    () => undefined,
  );
  const open = await Promise.all(sockets.map((s) => accepts(s.port)));
  return {
    processes: family.filter((p) => isAlive(p.pid)).map((p) => p.command.slice(0, 80)),
    ports: sockets.filter((_, j) => open[j]).map((s) => s.port),
  };
}

const stops: Array<NodeJS.Signals> = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGKILL'];

describe('npm start, stopped by a signal to the npm process alone', () => {
  const started: Running[] = [];

  afterAll(() => {
    for (const { npm } of started) signalGroup(npm);
  });

  it('listens on 127.0.0.1 only, and SIGTERM, SIGINT, SIGHUP or SIGKILL to npm leaves no process and no open port', async () => {
    // The four start side by side: one start-up's wall time instead of four.
    await Promise.all(stops.map(async () => started.push(await npmStart())));
    const seen = started.map(({ npm }) => {
      const family = descendantsOf(npm.pid!);
      return { family, sockets: listeningSockets([npm.pid!, ...family.map((p) => p.pid)]) };
    });
    for (const { family, sockets } of seen) {
      expect(family.some((p) => p.command.includes('DynamoDBLocal.jar'))).toBe(true);
      // the HTTP API, DynamoDB Local, kinesalite, SQS, Step Functions
      expect(sockets.length).toBeGreaterThanOrEqual(5);
    }
    const notLoopback = seen.flatMap(({ sockets }) => sockets.filter((s) => !isLoopback(s.address)));
    const signalled = Date.now();
    started.forEach(({ npm }, i) => process.kill(npm.pid!, stops[i]!));
    const left = await Promise.all(seen.map(({ family, sockets }) => leftAfter(family, sockets)));
    const report = stops.map((signal, i) => ({ signal, ...left[i]! }));
    console.log(
      `${seen.map((s) => s.sockets.length).join(', ')} listening sockets, not on loopback: ${notLoopback.length}; ` +
        report
          .map((r) => `${r.signal}: ${r.processes.length} processes and ${r.ports.length} ports left`)
          .join(', ') +
        ` (after ${Date.now() - signalled} ms)`,
    );
    expect(notLoopback).toEqual([]);
    expect(report.filter((r) => r.processes.length > 0 || r.ports.length > 0)).toEqual([]);
  }, 300_000);
});
