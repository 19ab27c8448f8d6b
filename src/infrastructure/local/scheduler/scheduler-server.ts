import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen } from '../listen';
import { requestText } from '../request-text';
import { answerScheduler, type SchedulerAnswer } from './scheduler-api';
import type { ScheduleTable } from './schedule-table';

/** The local EventBridge Scheduler endpoint, running. */
export interface LocalSchedulerServer {
  readonly endpoint: string;
  stop(): Promise<void>;
}

function parseBody(text: string): Record<string, any> | undefined {
  if (text === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, any>) : undefined;
  } catch {
    return undefined;
  }
}

async function answer(table: ScheduleTable, req: IncomingMessage): Promise<SchedulerAnswer> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const match = /^\/schedules\/([^/]+)$/.exec(url.pathname);
  const body = parseBody(await requestText(req));
  if (!match?.[1] || !body) {
    return { status: 400, errorType: 'ValidationException', body: { Message: 'unsupported request' } };
  }
  const name = decodeURIComponent(match[1]);
  const groupName = url.searchParams.get('groupName') ?? undefined;
  return answerScheduler(table, { method: req.method ?? 'GET', name, groupName, body });
}

async function serve(table: ScheduleTable, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const result = await answer(table, req).catch((error: unknown): SchedulerAnswer => ({
    status: 500,
    errorType: 'InternalServerException',
    body: { Message: error instanceof Error ? error.message : String(error) },
  }));
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (result.errorType) headers['x-amzn-errortype'] = result.errorType;
  res.writeHead(result.status, headers);
  res.end(JSON.stringify(result.body));
}

/**
 * Serves the part of EventBridge Scheduler's REST API that timers use, on a free loopback port, over the local
 * schedules table: `createSchedulerClient({ scheduler: endpoint })` talks to it like to the service.
 */
export async function startLocalSchedulerServer(
  table: ScheduleTable,
  port = 0,
): Promise<LocalSchedulerServer> {
  const server = createServer((req, res) => void serve(table, req, res));
  const { port: bound, stop } = await listen(server, port);
  return { endpoint: `http://127.0.0.1:${bound}`, stop };
}
