import { Writable } from 'node:stream';
import { runCli } from '../../../src/cli/program';

/** What one CLI run printed, and its exit code. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  /** What the progress bar drew. */
  readonly drawn: string;
}

/** Runs the CLI in-process against a running app at `url`, as `eventfold --url <url> ...argv`, capturing its output. */
export async function cli(url: string, ...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  let drawn = '';
  const progressStream = new Writable({
    write(chunk, _encoding, done) {
      drawn += String(chunk);
      done();
    },
  });
  const code = await runCli(['--url', url, ...argv], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    progressStream,
  });
  return { code, out: out.join('\n'), err: err.join('\n'), drawn };
}
