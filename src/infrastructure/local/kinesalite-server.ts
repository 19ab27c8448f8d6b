import { type Server, Server as HttpServer, type ServerResponse } from 'node:http';
import { freePort } from './free-port';
import { listen } from './listen';

/**
 * kinesalite itself, loaded on the first start only: a process that imports this module but reaches a Kinesis
 * elsewhere (a replay child of the bench) does not carry the emulator in its heap.
 */
function loadKinesalite(): (options: Record<string, unknown>) => Server {
  // kinesalite ships no types.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('kinesalite') as (options: Record<string, unknown>) => Server;
}

/** kinesalite running in this process. */
export interface KinesaliteServer {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Options: a folder to persist to (in memory when absent), and how long stream creation takes (ms). */
export interface KinesaliteOptions {
  readonly dataDir?: string;
  readonly port?: number;
  readonly createStreamMs?: number;
}

/** How long a stop waits for the answers under way before it closes the database anyway. */
const DRAIN_MS = 5_000;

/**
 * Counts the requests kinesalite is still answering (a request is answered when its handler ends the response,
 * which it does after its last database call, also when the client has gone), and returns a wait for none left.
 */
function answersUnderWay(server: Server): () => Promise<void> {
  let open = 0;
  let waiting: Array<() => void> = [];
  const answered = () => {
    open -= 1;
    if (open > 0) return;
    const ready = waiting;
    waiting = [];
    ready.forEach((resolve) => resolve());
  };
  server.on('request', (_request, response: ServerResponse) => {
    if (response.writableEnded) return;
    open += 1;
    const end = response.end as (...args: unknown[]) => ServerResponse;
    let ended = false;
    response.end = function (this: ServerResponse, ...args: unknown[]) {
      if (!ended) answered();
      ended = true;
      return end.apply(this, args);
    } as ServerResponse['end'];
  });
  return () =>
    open === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          waiting.push(resolve);
          setTimeout(resolve, DRAIN_MS).unref();
        });
}

/**
 * Stops kinesalite without closing its database under a request it is answering: leveldown (its store on disk)
 * then crashes the whole process (a segmentation fault or heap corruption, or an uncaught `iterator() before
 * open()`). So: stop taking connections, cut the open ones, wait for the handlers under way to answer, and only
 * then close (kinesalite's own `close` closes the database before the HTTP server, which is already closed).
 */
async function stopKinesalite(server: Server, drained: () => Promise<void>): Promise<void> {
  HttpServer.prototype.close.call(server);
  server.closeAllConnections();
  await drained();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/**
 * Starts kinesalite in-process on a free port. Give Kinesis clients an HTTP/1.1 handler (`createKinesisClient`).
 * @example
 * const kinesis = await startKinesalite();
 */
export async function startKinesalite(options: KinesaliteOptions = {}): Promise<KinesaliteServer> {
  const port = options.port ?? (await freePort());
  const server = loadKinesalite()({
    path: options.dataDir,
    createStreamMs: options.createStreamMs ?? 0,
    deleteStreamMs: 0,
    updateStreamMs: 0,
    shardLimit: 100,
  });
  const drained = answersUnderWay(server);
  await listen(server, port);
  return { endpoint: `http://127.0.0.1:${port}`, port, stop: () => stopKinesalite(server, drained) };
}
