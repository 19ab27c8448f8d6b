import { createServer } from 'node:http';
import { listen, type Listening } from '../../src/infrastructure/local/listen';
import { requestText } from '../../src/infrastructure/local/request-text';
import type { LambdaHandler } from '../../src/infrastructure/local/stepfunctions-tasks';

/** What a relayed call answers when the function threw: its error's name and message, as Lambda reports them. */
interface FunctionError {
  readonly errorType: string;
  readonly errorMessage: string;
}

/**
 * Serves `handler` on `port` (127.0.0.1): each POST is one invocation, its body the input, its response the
 * output (200) or the function's error (500). The replay bench runs the iterator Lambda this way in the
 * measured process while the local Step Functions engine runs in the bench's own.
 */
export function serveLambda(handler: LambdaHandler, port: number): Promise<Listening> {
  const server = createServer((request, response) => {
    requestText(request)
      .then((body) => handler(JSON.parse(body || 'null')))
      .then(
        (output) => response.writeHead(200).end(JSON.stringify(output ?? null)),
        (error: Error) => {
          const failure: FunctionError = { errorType: error.name, errorMessage: error.message };
          response.writeHead(500).end(JSON.stringify(failure));
        },
      );
  });
  return listen(server, port);
}

/** A handler that invokes the function served at `url()` (see `serveLambda`), rethrowing its error by name. */
export function lambdaOverHttp(url: () => string): LambdaHandler {
  return async (input) => {
    const response = await fetch(url(), { method: 'POST', body: JSON.stringify(input ?? null) });
    const text = await response.text();
    if (response.ok) return JSON.parse(text) as unknown;
    const failure = JSON.parse(text) as FunctionError;
    const error = new Error(failure.errorMessage);
    error.name = failure.errorType;
    throw error;
  };
}
