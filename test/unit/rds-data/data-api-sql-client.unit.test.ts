import {
  BeginTransactionCommand,
  DatabaseErrorException,
  DatabaseResumingException,
  ForbiddenException,
} from '@aws-sdk/client-rds-data';
import { hasErrorCode, isEventfoldError } from '../../../src/domain/errors';
import {
  DataApiSqlClient,
  type RdsDataSender,
  dataApiTargetFromEnv,
} from '../../../src/infrastructure/rds-data';

/**
 * The adapter's requests, recorded at the SDK client's `send` (no Data API runs locally: these check the calls
 * eventfold makes, in order, and how it reads answers and failures).
 */

const target = {
  resourceArn: 'arn:aws:rds:eu-west-1:123456789012:cluster:read-models',
  secretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:read-models-AbCdEf',
  database: 'eventfold',
};

type Answer = (command: { input: any }) => unknown;

function recordingSender(answer: Answer = () => ({})): RdsDataSender & { sent: Array<[string, any]> } {
  const sent: Array<[string, any]> = [];
  return {
    sent,
    send: (async (command: { input: any; constructor: { name: string } }) => {
      sent.push([command.constructor.name, command.input]);
      return answer(command);
    }) as never,
    destroy: () => undefined,
  };
}

const begin = (command: { input: any }) =>
  command instanceof BeginTransactionCommand ? { transactionId: 'tx-1' } : {};

describe('DataApiSqlClient', () => {
  it('runs a statement with named typed parameters, long and decimal results as text, and reads the rows', async () => {
    const rds = recordingSender(() => ({
      columnMetadata: [{ name: 'id', typeName: 'int8' }],
      records: [[{ stringValue: '9007199254740993' }]],
    }));
    const sql = new DataApiSqlClient(rds, target);
    const result = await sql.query({ text: 'SELECT id FROM t WHERE name = $1', values: ["O'Brien"] });
    expect(result).toEqual({ rows: [{ id: 9007199254740993n }], rowCount: 1 });
    expect(rds.sent).toEqual([
      [
        'ExecuteStatementCommand',
        {
          ...target,
          sql: 'SELECT id FROM t WHERE name = :p1',
          parameters: [{ name: 'p1', value: { stringValue: "O'Brien" } }],
          transactionId: undefined,
          includeResultMetadata: true,
          resultSetOptions: { decimalReturnType: 'STRING', longReturnType: 'STRING' },
        },
      ],
    ]);
  });

  it('commits a transaction whose work resolves, every statement inside it carrying its id', async () => {
    const rds = recordingSender(begin);
    const value = await new DataApiSqlClient(rds, target).transaction(async (tx) => {
      await tx.query({ text: 'UPDATE gates SET version = $1', values: [2] });
      return 'done';
    });
    expect(value).toBe('done');
    expect(rds.sent.map(([name, input]) => [name, input.transactionId])).toEqual([
      ['BeginTransactionCommand', undefined],
      ['ExecuteStatementCommand', 'tx-1'],
      ['CommitTransactionCommand', 'tx-1'],
    ]);
    expect(rds.sent[0]![1]).toEqual(target);
  });

  it('rolls back a transaction whose work throws, and rethrows the work error', async () => {
    const rds = recordingSender(begin);
    const failure = new Error('handler failed');
    await expect(
      new DataApiSqlClient(rds, target).transaction(async (tx) => {
        await tx.query({ text: 'SELECT 1' });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(rds.sent.map(([name]) => name)).toEqual([
      'BeginTransactionCommand',
      'ExecuteStatementCommand',
      'RollbackTransactionCommand',
    ]);
  });

  it('runs a transaction inside a transaction as a savepoint', async () => {
    const rds = recordingSender(begin);
    await new DataApiSqlClient(rds, target).transaction(async (tx) => {
      await tx.transaction(async (inner) => inner.query({ text: 'SELECT 1' }));
      await expect(tx.transaction(async () => Promise.reject(new Error('inner')))).rejects.toThrow('inner');
    });
    expect(rds.sent.map(([name, input]) => input.sql ?? name)).toEqual([
      'BeginTransactionCommand',
      'SAVEPOINT eventfold_sp1',
      'SELECT 1',
      'RELEASE SAVEPOINT eventfold_sp1',
      'SAVEPOINT eventfold_sp2',
      'ROLLBACK TO SAVEPOINT eventfold_sp2',
      'CommitTransactionCommand',
    ]);
  });

  it('turns the Data API failures into eventfold errors with the cluster, operation and SQLSTATE', async () => {
    // No wait for a resume here: a resuming cluster's refusal is read as it comes.
    const failures: Array<[Error, string]> = [
      [new DatabaseResumingException({ message: 'resuming', $metadata: {} }), 'TEMPORARILY_UNAVAILABLE'],
      [new ForbiddenException({ message: 'no', $metadata: {} }), 'CONFIGURATION_INVALID'],
      [
        new DatabaseErrorException({
          message: 'ERROR: duplicate key value violates unique constraint; SQLState: 23505',
          $metadata: {},
        }),
        'CONCURRENCY_CONFLICT',
      ],
      [
        new DatabaseErrorException({
          message: 'ERROR: could not serialize access; SQLState: 40001',
          $metadata: {},
        }),
        'TEMPORARILY_UNAVAILABLE',
      ],
      [
        new DatabaseErrorException({
          message: 'ERROR: relation "x" does not exist; SQLState: 42P01',
          $metadata: {},
        }),
        'CONFIGURATION_INVALID',
      ],
    ];
    for (const [failure, code] of failures) {
      const rds = recordingSender(() => Promise.reject(failure));
      const thrown = await new DataApiSqlClient(rds, target, { resumeWait: { budgetMs: 0 } })
        .query({ text: 'SELECT $1', values: [1] })
        .catch((e) => e);
      expect([failure.name, hasErrorCode(thrown, code as never)]).toEqual([failure.name, true]);
      expect(thrown.context).toMatchObject({
        resourceArn: target.resourceArn,
        operation: 'ExecuteStatement',
      });
    }
  });

  it('refuses a bad value before any request, and any statement once closed', async () => {
    const rds = recordingSender();
    const sql = new DataApiSqlClient(rds, target);
    await expect(sql.query({ text: 'SELECT $1', values: [Symbol('x')] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await sql.close();
    const closed = await sql.query({ text: 'SELECT 1' }).catch((e) => e);
    expect([isEventfoldError(closed), rds.sent]).toEqual([true, []]);
  });

  it('reads its target from ARNs in the environment, never a secret value', () => {
    expect(dataApiTargetFromEnv({})).toBeUndefined();
    expect(
      dataApiTargetFromEnv({
        EVENTFOLD_SQL_CLUSTER_ARN: target.resourceArn,
        EVENTFOLD_SQL_SECRET_ARN: target.secretArn,
      }),
    ).toEqual(target);
  });
});
