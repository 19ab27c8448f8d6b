import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROUNDS = Number(process.env.EVENTFOLD_KINESALITE_STOP_ROUNDS ?? 10);

describe('kinesalite stopped while requests are under way', () => {
  // leveldown, kinesalite's store on disk, crashed the process when its database closed under a request (a
  // segmentation fault, heap corruption or an uncaught "iterator() before open()"): in the in-band test run
  // that ended every test at once. The stop now waits for the answers under way. Run in a child process, so that
  // a crash fails this test rather than the run.
  it(`survives ${ROUNDS} stops under 16 busy writers and readers`, () => {
    const child = spawnSync(
      process.execPath,
      [
        '-r',
        require.resolve('ts-node/register/transpile-only'),
        join(__dirname, '..', 'support', 'kinesis', 'stop-under-load.ts'),
        String(ROUNDS),
      ],
      {
        encoding: 'utf8',
        timeout: 170_000,
        env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', '..', 'tsconfig.json') },
      },
    );
    const ending = child.signal ?? child.status;
    expect({ ending, stderr: child.status === 0 ? '' : child.stderr.slice(-2_000) }).toEqual({
      ending: 0,
      stderr: '',
    });
    expect(child.stdout).toContain(`survived ${ROUNDS} stops`);
  }, 180_000);
});
