/** What the CLI prints to and where it reads the API from. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Progress bars draw here (a TTY stream); none when absent. */
  readonly progressStream?: NodeJS.WritableStream;
}

/** An error answer of the API, with its status and JSON body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    const code = (body as { code?: string })?.code ?? 'HTTP_ERROR';
    const message = (body as { message?: string })?.message ?? JSON.stringify(body);
    super(`${status} ${code}: ${message}`);
    this.name = 'ApiError';
  }
}

/** A small client of the eventfold HTTP API, used by every CLI command. */
export class EventfoldApi {
  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl.replace(/\/$/, '')}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw new ApiError(response.status, parsed);
    return parsed as T;
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body);
}

/** Parses a JSON option value, naming the option in the error. */
export function jsonOption(value: string, option: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch (error) {
    throw new Error(`${option} must be JSON: ${(error as Error).message}`);
  }
}
