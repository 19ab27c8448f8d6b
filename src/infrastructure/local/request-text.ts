import type { IncomingMessage } from 'node:http';

/**
 * A request's whole body as UTF-8 text ('' when it has none). The chunks are joined before decoding, so a
 * character split across two chunks stays whole.
 */
export async function requestText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
