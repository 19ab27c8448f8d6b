import { type ChildProcess, spawn } from 'node:child_process';

/** What a finished command printed (stdout and stderr interleaved) and how it ended. */
export interface Finished {
  readonly code: number | null;
  readonly output: string;
  /** What it printed on stdout alone. */
  readonly stdout: string;
  readonly ms: number;
}

/** Variables a user's shell would not have: this repository's npm and jest run, and loaders they set up. */
const NOT_THE_USERS = /^(npm_|npm-|INIT_CWD$|NODE_OPTIONS$|NODE_PATH$|NODE_ENV$|TS_NODE_|JEST_)/i;

/**
 * The environment of a user's terminal: nothing of this repository's `npm test`, and npm set to reuse its cache
 * (`--prefer-offline`) and to keep quiet about audits, funding and updates.
 */
export function userEnv(): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([name]) => !NOT_THE_USERS.test(name));
  return {
    ...Object.fromEntries(kept),
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
}

/** A command running in its own process group, so that it and everything it started can be stopped together. */
export interface Running {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<Finished>;
}

/** Starts `command args` in `cwd` as a user would type it. */
export function start(cwd: string, command: string, args: readonly string[]): Running {
  const began = Date.now();
  const child = spawn(command, [...args], {
    cwd,
    env: userEnv(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<Finished>((resolve) =>
    child.once('close', (code) => resolve({ code, output: text, stdout, ms: Date.now() - began })),
  );
  return { child, output: () => text, exited };
}

/** Stops a started command and its whole process group; quiet if it is gone already. */
export function stopGroup(running: Running, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return;
  try {
    process.kill(-running.child.pid!, signal);
  } catch {
    // the group ended meanwhile
  }
}

/** Runs `command args` in `cwd` to its end; past `timeoutMs` its process group is killed and the run fails. */
export async function run(
  cwd: string,
  command: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<Finished> {
  const running = start(cwd, command, args);
  const timer = setTimeout(() => stopGroup(running), timeoutMs);
  const finished = await running.exited;
  clearTimeout(timer);
  if (finished.ms >= timeoutMs)
    throw new Error(`${command} ${args.join(' ')} took over ${timeoutMs} ms:\n${finished.output}`);
  return finished;
}

/** Runs a command that must succeed; its output is in the error otherwise. */
export async function succeed(
  cwd: string,
  command: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<Finished> {
  const finished = await run(cwd, command, args, timeoutMs);
  if (finished.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${finished.code} in ${cwd}:\n${finished.output}`);
  }
  return finished;
}
