import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient } from '../../../src/infrastructure/aws/clients';
import type { EventfoldApp } from '../../../src/infrastructure/container/eventfold-app';
import { waitFor } from '../../../src/infrastructure/local/free-port';
import {
  type LocalRuntime,
  startLocalRuntime,
} from '../../../src/infrastructure/local/runtime/local-runtime';

process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

/** A response of the API: status and parsed JSON body. */
export interface ApiAnswer {
  readonly status: number;
  readonly body: any;
}

/** Drives a running runtime over HTTP, as a user's client would. */
export class ApiClient {
  constructor(readonly url: string) {}

  async send(method: string, path: string, body?: unknown, raw?: string): Promise<ApiAnswer> {
    const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
    if (raw !== undefined) init.body = raw;
    else if (body !== undefined) init.body = JSON.stringify(body);
    const response = await fetch(`${this.url}${path}`, init);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // keep the text
    }
    return { status: response.status, body: parsed };
  }

  post = (path: string, body?: unknown) => this.send('POST', path, body);
  get = (path: string) => this.send('GET', path);
}

/** A runtime started for one suite, with an API client and a look at the events table. */
export interface RuntimeFixture {
  readonly runtime: LocalRuntime;
  readonly api: ApiClient;
  /** Items in the events table now (a Scan with Select COUNT). */
  eventCount(): Promise<number>;
  /** Polls a document of a projection until `accept` holds, and returns it. */
  documentWhen(
    projection: string,
    streamId: string,
    accept: (doc: any) => boolean,
    timeoutMs?: number,
  ): Promise<any>;
}

async function count(
  runtime: LocalRuntime,
  client: ReturnType<typeof createDynamoDbClient>,
): Promise<number> {
  let total = 0;
  let start: Record<string, any> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: runtime.config.eventsTable, Select: 'COUNT', ExclusiveStartKey: start }),
    );
    total += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return total;
}

/** Starts the embedded runtime in beforeAll (in memory, free port) and stops it in afterAll. */
export function useRuntime(app: EventfoldApp): () => RuntimeFixture {
  let fixture: RuntimeFixture | undefined;
  let client: ReturnType<typeof createDynamoDbClient> | undefined;
  beforeAll(async () => {
    const runtime = await startLocalRuntime({ app, mappings: { pollIntervalMs: 100, retryBackoffMs: 50 } });
    const ddb = createDynamoDbClient(runtime.config.endpoints);
    client = ddb;
    const api = new ApiClient(runtime.url);
    fixture = {
      runtime,
      api,
      eventCount: () => count(runtime, ddb),
      async documentWhen(projection, streamId, accept, timeoutMs = 30_000) {
        let last: ApiAnswer | undefined;
        const path = `/projections/${projection}/documents/${encodeURIComponent(streamId)}`;
        await waitFor(
          async () => {
            last = await api.get(path);
            return last.status === 200 && accept(last.body);
          },
          `${projection} document of ${streamId}`,
          timeoutMs,
        );
        return last?.body;
      },
    };
  }, 120_000);
  afterAll(async () => {
    client?.destroy();
    await fixture?.runtime.stop();
  }, 60_000);
  return () => {
    if (!fixture) throw new Error('the runtime is not started (use it inside a test)');
    return fixture;
  };
}
