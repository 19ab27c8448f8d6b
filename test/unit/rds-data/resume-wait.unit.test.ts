import { DatabaseResumingException, ForbiddenException } from '@aws-sdk/client-rds-data';
import fc from 'fast-check';
import { hasErrorCode } from '../../../src/domain/errors';
import { DataApiSqlClient, type RdsDataSender } from '../../../src/infrastructure/rds-data';
import { resumeBackoffMs } from '../../../src/infrastructure/rds-data/resume-wait';

/**
 * A paused cluster (0 ACUs) answers the first calls with DatabaseResumingException while it resumes. Over whole
 * classes of resume lengths and budgets, on a virtual clock: the client sends the call again after each backoff
 * while the budget lasts, and fails with 503 once it would not.
 */

const target = {
  resourceArn: 'arn:aws:rds:eu-west-1:123456789012:cluster:read-models',
  secretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:read-models-AbCdEf',
  database: 'eventfold',
};

/** A cluster that refuses the first `refusals` calls with `failure`, on a clock that moves only when slept. */
function pausedCluster(refusals: number, failure: () => Error = resuming) {
  const clock = { now: 0, sleeps: [] as number[], calls: 0 };
  const rds: RdsDataSender = {
    send: (async () => {
      clock.calls += 1;
      if (clock.calls <= refusals) throw failure();
      return { records: [[{ longValue: 1 }]], columnMetadata: [{ name: 'one', typeName: 'int4' }] };
    }) as never,
    destroy: () => undefined,
  };
  const resumeWait = {
    now: () => clock.now,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.now += ms;
    },
  };
  return { rds, clock, resumeWait };
}

function resuming(): Error {
  return new DatabaseResumingException({ message: 'The database is resuming', $metadata: {} });
}

const waited = (attempts: number) =>
  Array.from({ length: attempts }, (_, i) => resumeBackoffMs(i)).reduce((a, b) => a + b, 0);

describe('DataApiSqlClient: waiting out a paused cluster', () => {
  it('sends a refused call again after each backoff while the budget lasts, and answers 503 after', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 30_000 }),
        async (refusals, budgetMs) => {
          const { rds, clock, resumeWait } = pausedCluster(refusals);
          const sql = new DataApiSqlClient(rds, target, { resumeWait: { ...resumeWait, budgetMs } });
          const outcome = await sql.query({ text: 'SELECT 1 AS one' }).catch((error: unknown) => error);
          if (waited(refusals) <= budgetMs) {
            expect(outcome).toEqual({ rows: [{ one: 1 }], rowCount: 1 });
            expect(clock.sleeps).toEqual(Array.from({ length: refusals }, (_, i) => resumeBackoffMs(i)));
          } else {
            expect(hasErrorCode(outcome, 'TEMPORARILY_UNAVAILABLE')).toBe(true);
            expect(clock.now).toBeLessThanOrEqual(budgetMs);
            expect(clock.calls).toBe(clock.sleeps.length + 1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('begins a transaction on a resuming cluster once it is up', async () => {
    const { rds, clock, resumeWait } = pausedCluster(3);
    const sql = new DataApiSqlClient(rds, target, { resumeWait });
    await sql.transaction(async () => 'ok');
    expect(clock.sleeps).toEqual([500, 1_000, 2_000]);
  });

  it('sends any other failure once', async () => {
    const { rds, clock, resumeWait } = pausedCluster(
      5,
      () => new ForbiddenException({ message: 'no', $metadata: {} }),
    );
    const sql = new DataApiSqlClient(rds, target, { resumeWait });
    const outcome = await sql.query({ text: 'SELECT 1' }).catch((error: unknown) => error);
    expect([hasErrorCode(outcome, 'CONFIGURATION_INVALID'), clock.calls, clock.sleeps]).toEqual([
      true,
      1,
      [],
    ]);
  });
});
