import { connect, type Socket } from 'node:net';
import { startLocalHttpServer, TIMEOUTS } from '../../../src/infrastructure/local/runtime/http-server';

/** How a client misbehaves: silent after connecting, headers a byte at a time, a body shorter than announced. */
type Behaviour = 'idle' | 'slow headers' | 'short body' | 'kept alive';

/** Check interval of Node's header and request timers (set to 1 s) plus scheduling slack on a loaded machine. */
const SLACK_MS = 4_000;

const deadlineOf: Record<Behaviour, number> = {
  idle: TIMEOUTS.headersMs + SLACK_MS,
  'slow headers': TIMEOUTS.headersMs + SLACK_MS,
  'short body': TIMEOUTS.requestMs + SLACK_MS,
  'kept alive': TIMEOUTS.keepAliveMs + SLACK_MS,
};

interface Watched {
  readonly behaviour: Behaviour;
  readonly closedAfterMs: Promise<number>;
}

function open(port: number, behaviour: Behaviour): Watched {
  const began = Date.now();
  const socket: Socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  socket.on('data', () => undefined);
  const closedAfterMs = new Promise<number>((resolve) =>
    socket.once('close', () => resolve(Date.now() - began)),
  );
  socket.once('connect', () => {
    if (behaviour === 'slow headers') {
      socket.write('POST /events HTTP/1.1\r\nHost: x\r\n');
      const drip = setInterval(() => socket.writable && socket.write('x'), 500);
      socket.once('close', () => clearInterval(drip));
    }
    if (behaviour === 'short body') {
      socket.write('POST /events HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"short":');
    }
    if (behaviour === 'kept alive') socket.write('GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n');
  });
  return { behaviour, closedAfterMs };
}

describe('the local HTTP server and clients that never finish', () => {
  it('closes idle, slow and short-bodied connections within its header, request and keep-alive timeouts', async () => {
    const server = await startLocalHttpServer(async () => ({ statusCode: 200, body: '{}' }));
    try {
      const mix: Behaviour[] = [
        ...Array<Behaviour>(600).fill('idle'),
        ...Array<Behaviour>(40).fill('slow headers'),
        ...Array<Behaviour>(40).fill('short body'),
        ...Array<Behaviour>(20).fill('kept alive'),
      ];
      const watched = mix.map((behaviour) => open(server.port, behaviour));
      const closed = await Promise.all(
        watched.map(({ behaviour, closedAfterMs }) =>
          Promise.race([
            closedAfterMs.then((ms) => ({ behaviour, ms })),
            new Promise<{ behaviour: Behaviour; ms: number }>((resolve) =>
              setTimeout(() => resolve({ behaviour, ms: Infinity }), deadlineOf[behaviour] + 1_000).unref(),
            ),
          ]),
        ),
      );
      const late = closed.filter(({ behaviour, ms }) => ms > deadlineOf[behaviour]);
      const slowest = (b: Behaviour) => Math.max(...closed.filter((c) => c.behaviour === b).map((c) => c.ms));
      console.log(
        `closed ${closed.length - late.length} of ${closed.length}; slowest: ` +
          (['idle', 'slow headers', 'short body', 'kept alive'] as const)
            .map((b) => `${b} ${slowest(b)} ms`)
            .join(', '),
      );
      expect(late).toEqual([]);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
