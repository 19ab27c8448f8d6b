import type { Server } from 'node:http';

/** A server that is listening: the port it is bound to, and how to stop it. */
export interface Listening {
  readonly port: number;
  /** Stops accepting, closes every open connection (keep-alive ones too) and resolves once the server is closed. */
  stop(): Promise<void>;
}

/**
 * Starts `server` listening on `host:port` (port 0: a free one the OS picks) and resolves once it is bound, or
 * rejects with the listen error (the port taken, say).
 * @example
 * const { port, stop } = await listen(createServer(handler), 0);
 */
export async function listen(server: Server, port: number, host = '127.0.0.1'): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { port: bound, stop };
}
