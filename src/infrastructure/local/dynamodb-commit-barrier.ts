import {
  Agent,
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type ServerResponse,
} from 'node:http';
import { listen } from './listen';

/**
 * The operations DynamoDB Local answers before they are on disk: its SQLite layer queues a transaction's COMMIT on
 * the connection's job queue and returns without waiting for it (a single `PutItem` waits for its own COMMIT).
 * A kill between that answer and the COMMIT lost acknowledged transactions (in 2 to 3 of 10 kills).
 */
const QUEUED_COMMITS = new Set([
  'DynamoDB_20120810.TransactWriteItems',
  'DynamoDB_20120810.ExecuteTransaction',
]);

/** A front of DynamoDB Local that answers a transaction only once its COMMIT has run. */
export interface CommitBarrier {
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function forward(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
) {
  return new Promise<Answer>((resolve, reject) => {
    const out = request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) =>
      readAll(res).then(
        (data) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: data }),
        reject,
      ),
    );
    out.on('error', reject);
    out.end(body);
  });
}

/**
 * A `ListTables` of one table runs as a job on the same FIFO queue as the COMMIT it follows, and DynamoDB Local
 * waits for that job: once it answers, the COMMIT queued before it has run and the transaction is in the database
 * file (in the OS's hands, so a killed process keeps it).
 */
async function awaitQueuedCommit(agent: Agent, port: number, headers: IncomingHttpHeaders): Promise<void> {
  const body = Buffer.from('{"Limit":1}');
  const probe = await forward(
    agent,
    port,
    'POST',
    '/',
    {
      ...headers,
      'x-amz-target': 'DynamoDB_20120810.ListTables',
      'content-length': String(body.length),
    },
    body,
  );
  if (probe.status !== 200) throw new Error(`DynamoDB Local answered ${probe.status} to the commit probe`);
}

function reply(res: ServerResponse, answer: Answer): void {
  const headers = { ...answer.headers, 'content-length': String(answer.body.length) };
  delete headers['transfer-encoding'];
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

function unknownOutcome(res: ServerResponse, error: unknown): void {
  const body = JSON.stringify({
    __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
    message: `the local commit barrier could not confirm the write: ${String(error)}`,
  });
  res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
  res.end(body);
}

async function relay(agent: Agent, port: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const body = await readAll(req);
    const answer = await forward(agent, port, req.method ?? 'POST', req.url ?? '/', req.headers, body);
    const target = String(req.headers['x-amz-target'] ?? '');
    if (answer.status === 200 && QUEUED_COMMITS.has(target))
      await awaitQueuedCommit(agent, port, req.headers);
    reply(res, answer);
  } catch (error) {
    unknownOutcome(res, error);
  }
}

/**
 * Starts an HTTP front on a free loopback port that relays every request to the DynamoDB Local on `port`, and answers
 * a transaction only after DynamoDB Local has committed it to its database file. What a client was told is stored
 * then survives a kill of DynamoDB Local, of the runtime, or of both.
 * @example
 * const barrier = await startCommitBarrier(ddb.port);
 * const client = createDynamoDbClient({ region: 'us-east-1', dynamodb: barrier.endpoint });
 */
export async function startCommitBarrier(port: number): Promise<CommitBarrier> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const server = createServer((req, res) => void relay(agent, port, req, res));
  const listening = await listen(server, 0);
  return {
    endpoint: `http://127.0.0.1:${listening.port}`,
    port: listening.port,
    stop: async () => {
      await listening.stop();
      agent.destroy();
    },
  };
}
