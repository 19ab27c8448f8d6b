import {
  BeginTransactionCommand,
  type BeginTransactionCommandOutput,
  CommitTransactionCommand,
  ExecuteStatementCommand,
  type ExecuteStatementCommandOutput,
  RDSDataClient,
  RollbackTransactionCommand,
} from '@aws-sdk/client-rds-data';
import { ConfigurationError } from '../../domain/domain-errors';
import { EventfoldError } from '../../domain/errors';
import { withoutSdkRequestLogging } from '../aws/quiet-sdk-logging';
import type { SqlClient, SqlResult, SqlStatement } from '../../projections/sql/sql-client';
import { dataApiError } from './data-api-errors';
import { toDataApiStatement } from './data-api-statement';
import { DEFAULT_RESUME_WAIT, type ResumeWait, waitingOutResume } from './resume-wait';
import { resultOf } from './result-rows';

/** The Aurora cluster a Data API client talks to: its ARN, the ARN of the secret to sign in with, the database. */
export interface DataApiTarget {
  readonly resourceArn: string;
  readonly secretArn: string;
  readonly database: string;
}

/** What the adapter needs of an `RDSDataClient`. */
export type RdsDataSender = Pick<RDSDataClient, 'send' | 'destroy'>;

/** Options of a Data API client. */
export interface DataApiClientOptions {
  /** How long a call waits for a paused cluster to resume (`DatabaseResumingException`). Default 20 s. */
  readonly resumeWait?: Partial<ResumeWait>;
}

interface Session {
  readonly rds: RdsDataSender;
  readonly target: DataApiTarget;
  readonly resumeWait: ResumeWait;
  closed: boolean;
}

/**
 * The `SqlClient` port over the RDS Data API (Aurora PostgreSQL): no connection, no VPC, one HTTPS request per
 * statement. Statements keep their `$1` placeholders; the adapter sends them as named, typed parameters
 * (`toDataApiStatement`). A transaction is BeginTransaction, its statements, then CommitTransaction, or
 * RollbackTransaction when the work throws; a transaction inside a transaction is a savepoint. Failures are
 * `EventfoldError`s (`dataApiError`).
 * @example
 * const sql = new DataApiSqlClient(new RDSDataClient({}), { resourceArn, secretArn, database: 'eventfold' });
 * await sql.transaction(async (tx) => tx.query({ text: 'UPDATE gates SET version = $1', values: [7] }));
 */
export class DataApiSqlClient implements SqlClient {
  private session: Session;
  private transactionId?: string;
  private savepoints = 0;

  constructor(rds: RdsDataSender, target: DataApiTarget, options: DataApiClientOptions = {}) {
    this.session = {
      rds,
      target,
      resumeWait: { ...DEFAULT_RESUME_WAIT, ...options.resumeWait },
      closed: false,
    };
  }

  /** A client of the same session whose statements run in the transaction `transactionId`. */
  private inTransaction(transactionId: string | undefined): DataApiSqlClient {
    const tx = new DataApiSqlClient(this.session.rds, this.session.target);
    tx.session = this.session;
    tx.transactionId = transactionId;
    return tx;
  }

  async query<Row = Record<string, unknown>>(statement: SqlStatement): Promise<SqlResult<Row>> {
    const { sql, parameters } = toDataApiStatement(statement);
    const output = await this.send<ExecuteStatementCommandOutput>(
      'ExecuteStatement',
      sql,
      (target) =>
        new ExecuteStatementCommand({
          ...target,
          sql,
          parameters,
          transactionId: this.transactionId,
          includeResultMetadata: true,
          resultSetOptions: { decimalReturnType: 'STRING', longReturnType: 'STRING' },
        }),
    );
    return resultOf<Row>(output);
  }

  async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    if (this.transactionId !== undefined) return this.savepoint(work);
    const { transactionId } = await this.send<BeginTransactionCommandOutput>(
      'BeginTransaction',
      undefined,
      (target) => new BeginTransactionCommand(target),
    );
    const tx = this.inTransaction(transactionId);
    const ids = {
      resourceArn: this.session.target.resourceArn,
      secretArn: this.session.target.secretArn,
      transactionId,
    };
    let result: T;
    try {
      result = await work(tx);
    } catch (error) {
      // The work's own failure is the one to report; a failed rollback leaves the transaction to expire.
      await this.send('RollbackTransaction', undefined, () => new RollbackTransactionCommand(ids)).catch(
        () => undefined,
      );
      throw error;
    }
    await this.send('CommitTransaction', undefined, () => new CommitTransactionCommand(ids));
    return result;
  }

  async close(): Promise<void> {
    this.session.closed = true;
    this.session.rds.destroy();
  }

  private async savepoint<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    this.savepoints += 1;
    const name = `eventfold_sp${this.savepoints}`;
    await this.query({ text: `SAVEPOINT ${name}` });
    try {
      const result = await work(this);
      await this.query({ text: `RELEASE SAVEPOINT ${name}` });
      return result;
    } catch (error) {
      await this.query({ text: `ROLLBACK TO SAVEPOINT ${name}` });
      throw error;
    }
  }

  private async send<Output>(
    operation: string,
    sql: string | undefined,
    command: (target: DataApiTarget) => { readonly input: object },
  ): Promise<Output> {
    const { rds, target, closed, resumeWait } = this.session;
    if (closed) {
      throw new EventfoldError('CONFIGURATION_INVALID', 'this SQL client was closed', {
        resourceArn: target.resourceArn,
        operation,
      });
    }
    try {
      return (await waitingOutResume(() => rds.send(command(target) as never), resumeWait)) as Output;
    } catch (error) {
      throw dataApiError(error, { resourceArn: target.resourceArn, operation, sql });
    }
  }
}

/** The Data API target of a function from its environment (`EVENTFOLD_SQL_*`, ARNs only), if it has one. */
export function dataApiTargetFromEnv(env: NodeJS.ProcessEnv = process.env): DataApiTarget | undefined {
  const resourceArn = env.EVENTFOLD_SQL_CLUSTER_ARN;
  const secretArn = env.EVENTFOLD_SQL_SECRET_ARN;
  if (!resourceArn || !secretArn) return undefined;
  return { resourceArn, secretArn, database: env.EVENTFOLD_SQL_DATABASE || 'eventfold' };
}

/** A Data API `SqlClient` for `target`, over an RDS Data client with the default config unless given one. */
export function createDataApiSqlClient(
  target: DataApiTarget,
  rds: RdsDataSender = withoutSdkRequestLogging(new RDSDataClient({})),
  options: DataApiClientOptions = {},
): DataApiSqlClient {
  return new DataApiSqlClient(rds, target, options);
}

/**
 * A Data API `SqlClient` for the cluster a function's environment names (`EVENTFOLD_SQL_*`); without one, a
 * `ConfigurationError` naming what `purpose` needs.
 */
export function dataApiClientFromEnv(env: NodeJS.ProcessEnv, purpose: string): DataApiSqlClient {
  const target = dataApiTargetFromEnv(env);
  if (!target) {
    throw new ConfigurationError(
      `${purpose}: it needs EVENTFOLD_SQL_CLUSTER_ARN and EVENTFOLD_SQL_SECRET_ARN`,
      {
        field: 'EVENTFOLD_SQL_CLUSTER_ARN',
      },
    );
  }
  return createDataApiSqlClient(target);
}
