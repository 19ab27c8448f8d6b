import { benchAppend } from '../../../bench/append-bench';
import type { AppendSubject } from '../../../bench/subjects/append-subject';

const workload = { name: '10-event commits', eventsPerCommit: 10, inFlight: 4, commitsPerWriter: 3 };
const rounds = { measured: 3, warmUp: 1 };

/** A subject without I/O that records every append it was asked for. */
function recording(name: string, failAt?: { stream: RegExp; version: number }) {
  const appends: Array<{ stream: string; expectedVersion: number; count: number }> = [];
  const subject: AppendSubject = {
    name,
    async append(stream, expectedVersion, count) {
      if (failAt && failAt.stream.test(stream) && expectedVersion === failAt.version) {
        throw new Error('ValidationException: Invalid ConditionExpression');
      }
      appends.push({ stream, expectedVersion, count });
    },
  };
  return { subject, appends };
}

describe('benchAppend', () => {
  it('gives every subject the same commits: contiguous versions per writer, a fresh stream each round', async () => {
    const ours = recording('eventfold');
    const raw = recording('raw SDK');
    const rows = await benchAppend([ours.subject, raw.subject], workload, rounds, () => undefined);

    expect(rows.map((row) => row.subject)).toEqual(['eventfold', 'raw SDK']);
    expect(rows.every((row) => row.rounds?.length === rounds.measured)).toBe(true);
    for (const { appends } of [ours, raw]) {
      // (1 warm-up + 3 measured rounds) x 4 writers x 3 commits
      expect(appends).toHaveLength(4 * 4 * 3);
      expect(new Set(appends.map((a) => a.stream)).size).toBe(4 * 4);
      for (const stream of new Set(appends.map((a) => a.stream))) {
        const commits = appends.filter((a) => a.stream === stream);
        expect(commits.map((a) => a.expectedVersion)).toEqual([0, 10, 20]);
        expect(commits.every((a) => a.count === 10)).toBe(true);
      }
    }
  });

  it('names the subject, workload, stream and version of an append that fails, and keeps the cause', async () => {
    const ours = recording('eventfold');
    const failing = recording('castore', { stream: /-r1-w2$/, version: 10 });
    const run = benchAppend([ours.subject, failing.subject], workload, rounds, () => undefined);

    const error: Error = await run.then(
      () => {
        throw new Error('the run should have failed');
      },
      (caught: Error) => caught,
    );
    expect(error.message).toBe(
      'append failed (castore, 10-event commits, stream Bench#10eventcommits-r1-w2 at version 10): ' +
        'Error: ValidationException: Invalid ConditionExpression',
    );
    expect(error.cause).toBeInstanceOf(Error);
  });
});
