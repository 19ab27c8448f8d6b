import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { freePort } from './free-port';
import { listen } from './listen';
import { requestText } from './request-text';
import {
  type LocalExecution,
  LocalStepFunctions,
  type LocalStepFunctionsOptions,
} from './stepfunctions-engine';
import { LocalSfnError } from './stepfunctions-errors';

/** The local Step Functions endpoint: what `@aws-sdk/client-sfn` talks to, and the engine behind it. */
export interface LocalStepFunctionsServer {
  readonly endpoint: string;
  readonly port: number;
  readonly engine: LocalStepFunctions;
  stop(): Promise<void>;
}

type Body = Record<string, unknown>;

const seconds = (date: Date | undefined) => (date ? date.getTime() / 1000 : undefined);

function describe(e: LocalExecution) {
  const { executionArn, stateMachineArn, name, status, input, output, error, cause } = e;
  return {
    executionArn,
    stateMachineArn,
    name,
    status,
    input,
    output,
    error,
    cause,
    startDate: seconds(e.startDate),
    stopDate: seconds(e.stopDate),
  };
}

function summary(e: LocalExecution) {
  const { executionArn, stateMachineArn, name, status } = e;
  return {
    executionArn,
    stateMachineArn,
    name,
    status,
    startDate: seconds(e.startDate),
    stopDate: seconds(e.stopDate),
  };
}

const operations: Record<string, (engine: LocalStepFunctions, body: Body) => unknown> = {
  CreateStateMachine: (engine, b) => {
    const machine = engine.createStateMachine(String(b.name), String(b.definition), String(b.roleArn ?? ''));
    return { stateMachineArn: machine.arn, creationDate: seconds(machine.creationDate) };
  },
  DescribeStateMachine: (engine, b) => {
    const m = engine.describeStateMachine(String(b.stateMachineArn));
    const definition = JSON.stringify(m.definition);
    return {
      stateMachineArn: m.arn,
      name: m.name,
      definition,
      roleArn: m.roleArn,
      type: 'STANDARD',
      status: 'ACTIVE',
      creationDate: seconds(m.creationDate),
    };
  },
  StartExecution: (engine, b) => {
    const input = b.input === undefined ? undefined : String(b.input);
    const e = engine.startExecution(
      String(b.stateMachineArn),
      input,
      b.name === undefined ? undefined : String(b.name),
    );
    return { executionArn: e.executionArn, startDate: seconds(e.startDate) };
  },
  DescribeExecution: (engine, b) => describe(engine.describeExecution(String(b.executionArn))),
  StopExecution: (engine, b) => {
    const e = engine.stopExecution(
      String(b.executionArn),
      b.error as string | undefined,
      b.cause as string | undefined,
    );
    return { stopDate: seconds(e.stopDate ?? new Date()) };
  },
  ListExecutions: (engine, b) => {
    const all = engine.listExecutions(String(b.stateMachineArn), b.statusFilter as string | undefined);
    return { executions: all.slice(0, Number(b.maxResults ?? 1000)).map(summary) };
  },
};

async function readBody(request: IncomingMessage): Promise<Body> {
  const text = await requestText(request);
  return text ? (JSON.parse(text) as Body) : {};
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
  response.end(JSON.stringify(body));
}

async function handle(engine: LocalStepFunctions, request: IncomingMessage, response: ServerResponse) {
  const target = String(request.headers['x-amz-target'] ?? '');
  const operation = operations[target.replace(/^AWSStepFunctions\./, '')];
  try {
    if (!operation)
      throw new LocalSfnError('UnknownOperationException', `operation ${target} is not supported locally`);
    send(response, 200, operation(engine, await readBody(request)));
  } catch (error) {
    const typed =
      error instanceof LocalSfnError ? error : new LocalSfnError('InternalFailure', String(error), 500);
    send(response, typed.status, { __type: typed.type, message: typed.message });
  }
}

/**
 * Starts the local Step Functions endpoint on loopback: the JSON 1.0 protocol operations the replay service uses
 * (CreateStateMachine, DescribeStateMachine, StartExecution, DescribeExecution, StopExecution, ListExecutions)
 * over aws-local-stepfunctions, with Lambda task resources mapped to local handlers.
 * @example
 * const sfn = await startLocalStepFunctions({ lambdaHandlers: { [iteratorArn]: (input) => iterate(input, deps) } });
 * const client = createSfnClient({ region: 'us-east-1', stepFunctions: sfn.endpoint });
 */
export async function startLocalStepFunctions(
  options: LocalStepFunctionsOptions & { readonly port?: number },
): Promise<LocalStepFunctionsServer> {
  const engine = new LocalStepFunctions(options);
  const port = options.port ?? (await freePort());
  const server: Server = createServer((request, response) => void handle(engine, request, response));
  const listening = await listen(server, port);
  const stop = () => {
    engine.stopAll();
    return listening.stop();
  };
  return { endpoint: `http://127.0.0.1:${port}`, port, engine, stop };
}
