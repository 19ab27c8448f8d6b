import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listen } from '../listen';

/** The function API Gateway would call: an API Gateway proxy event in, a proxy result out. */
export type ProxyHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

/** A running local HTTP front: its URL and how to stop it. */
export interface LocalHttpServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * How long a client may take: to send its headers, to send its whole request (headers and body: a body shorter than
 * its Content-Length ends here), to send the next request on a kept-alive connection, and to stay silent at all.
 * Node answers 408 and closes the connection on the first two. Generous for a client on the same machine.
 */
export const TIMEOUTS = { headersMs: 5_000, requestMs: 10_000, keepAliveMs: 1_000, idleMs: 30_000 } as const;

/** Stops reading a body past this size; the handler still sees a body over its own limit and answers 413. */
const HARD_BODY_LIMIT = 8 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= HARD_BODY_LIMIT) chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length > 0 ? Buffer.concat(chunks) : undefined));
    req.on('error', reject);
  });
}

function single(values: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v[v.length - 1] ?? '']));
}

/** Translates a Node request into the REST API (v1) proxy event API Gateway sends to Lambda. */
export function toProxyEvent(req: IncomingMessage, body: Buffer | undefined): APIGatewayProxyEvent {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const multiQuery: Record<string, string[]> = {};
  url.searchParams.forEach((value, key) => (multiQuery[key] = [...(multiQuery[key] ?? []), value]));
  const multiHeaders: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) multiHeaders[key] = Array.isArray(value) ? value : [value];
  }
  const hasQuery = Object.keys(multiQuery).length > 0;
  return {
    httpMethod: req.method ?? 'GET',
    path: url.pathname,
    resource: '/{proxy+}',
    headers: single(multiHeaders),
    multiValueHeaders: multiHeaders,
    queryStringParameters: hasQuery ? single(multiQuery) : null,
    multiValueQueryStringParameters: hasQuery ? multiQuery : null,
    pathParameters: { proxy: url.pathname.slice(1) },
    stageVariables: null,
    body: body ? body.toString('base64') : null,
    isBase64Encoded: body !== undefined,
    requestContext: {
      requestId: randomUUID(),
      httpMethod: req.method ?? 'GET',
      path: url.pathname,
      stage: 'local',
      requestTimeEpoch: Date.now(),
      identity: { sourceIp: req.socket.remoteAddress ?? '127.0.0.1' },
    } as APIGatewayProxyEvent['requestContext'],
  };
}

async function serve(handler: ProxyHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const result = await handler(toProxyEvent(req, await readBody(req)));
    const body = result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
    res.writeHead(result.statusCode, result.headers as Record<string, string>);
    res.end(body);
  } catch (error) {
    res.writeHead(502, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ message: 'Internal server error', error: String(error) }));
  }
}

/**
 * Serves a proxy handler on localhost like API Gateway would: each request becomes an `APIGatewayProxyEvent`
 * (body base64-encoded, as for binary media types) and the handler's result becomes the response.
 * @example
 * const server = await startLocalHttpServer((event) => handleHttpRequest(event, deps), 3000);
 */
export async function startLocalHttpServer(
  handler: ProxyHandler,
  port = 0,
  host = '127.0.0.1',
): Promise<LocalHttpServer> {
  const server: Server = createServer(
    {
      headersTimeout: TIMEOUTS.headersMs,
      requestTimeout: TIMEOUTS.requestMs,
      connectionsCheckingInterval: 1_000,
    },
    (req, res) => void serve(handler, req, res),
  );
  server.keepAliveTimeout = TIMEOUTS.keepAliveMs;
  // A connection that goes quiet (no bytes either way) is closed, whatever state it is in.
  server.setTimeout(TIMEOUTS.idleMs, (socket) => socket.destroy());
  const { port: bound, stop } = await listen(server, port, host);
  return { url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${bound}`, port: bound, stop };
}
