import type { Server } from 'node:http';
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
  const { stop } = await listen(server, port);
  return { endpoint: `http://127.0.0.1:${port}`, port, stop };
}
