import { Worker } from 'node:worker_threads';
import { ConfigurationError } from '../../domain/domain-errors';
import type { SqlClient, SqlResult, SqlStatement } from '../../projections/sql/sql-client';
import { PGLITE_WORKER_SOURCE } from './pglite-worker-source';

interface Reply {
  readonly id: number;
  readonly result?: unknown;
  readonly error?: { message: string; code?: string; name?: string };
}

/** An error of PGlite as the caller sees it: the message and the SQLSTATE (`code`), like `pg`'s errors. */
export class PgliteError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'PgliteError';
  }
}

/** The connection to one PGlite worker: numbered requests, answered in any order. */
class PgliteWorker {
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private next = 0;

  constructor(private readonly worker: Worker) {
    worker.unref();
    worker.on('message', (reply: Reply) => this.settle(reply));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => this.failAll(new Error(`the PGlite worker exited (${code})`)));
  }

  request<T>(message: Record<string, unknown>): Promise<T> {
    const id = (this.next += 1);
    if (this.pending.size === 0) this.worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }

  private settle(reply: Reply): void {
    const waiting = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    // Idle, the worker does not keep the process alive: a client never closed does not hang a test run.
    if (this.pending.size === 0) this.worker.unref();
    if (!waiting) return;
    if (reply.error) waiting.reject(new PgliteError(reply.error.message, reply.error.code));
    else waiting.resolve(reply.result);
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

/**
 * The `SqlClient` on PGlite: PostgreSQL compiled to WebAssembly, run in a worker thread of this process. One
 * connection: statements and transactions queue behind each other. A data directory persists it (one client per
 * directory at a time); none keeps it in memory.
 * @example
 * const client = await PgliteSqlClient.open('.eventfold/pglite'); // or open() for memory
 */
export class PgliteSqlClient implements SqlClient {
  private constructor(
    private readonly worker: PgliteWorker,
    private readonly tx?: number,
  ) {}

  /** Opens (creating if needed) a database in `dataDir`, or in memory when absent. */
  static async open(dataDir?: string): Promise<PgliteSqlClient> {
    let module: string;
    try {
      module = require.resolve('@electric-sql/pglite');
    } catch {
      throw new ConfigurationError(
        'SQL read models in memory and in the local runtime need PGlite: npm install @electric-sql/pglite',
        { package: '@electric-sql/pglite' },
      );
    }
    const worker = new PgliteWorker(
      new Worker(PGLITE_WORKER_SOURCE, { eval: true, workerData: { module, dataDir } }),
    );
    await worker.request({ op: 'ready' });
    return new PgliteSqlClient(worker);
  }

  async query<Row = Record<string, unknown>>(statement: SqlStatement): Promise<SqlResult<Row>> {
    const values = [...(statement.values ?? [])];
    return this.worker.request({ op: 'query', tx: this.tx, text: statement.text, values });
  }

  async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    if (this.tx !== undefined) return work(this);
    const tx = await this.worker.request<number>({ op: 'begin' });
    let result: T;
    try {
      result = await work(new PgliteSqlClient(this.worker, tx));
    } catch (error) {
      await this.worker.request({ op: 'rollback', tx });
      throw error;
    }
    await this.worker.request({ op: 'commit', tx });
    return result;
  }

  async close(): Promise<void> {
    if (this.tx !== undefined) return;
    await this.worker.request({ op: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }
}
