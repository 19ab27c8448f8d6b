import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/infrastructure/local/free-port';

/** A throwaway PostgreSQL server: its own data directory in a temp dir, a free port, stopped by `stop()`. */
export interface PostgresServer {
  readonly connectionString: string;
  readonly version: string;
  stop(): Promise<void>;
}

/** The directory of the server binaries (`initdb`, `pg_ctl`), the newest under /usr/lib/postgresql first. */
export function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const dirs = [...versions.map((v) => join(root, v, 'bin')), ...(process.env.PATH ?? '').split(':')];
  return dirs.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

/**
 * Why the server cases cannot run here, or undefined when they can. Outside CI a missing server skips them (with
 * this reason printed); in CI (`CI=true`) it throws: `.ci/run` installs Debian's postgresql package.
 */
export function postgresMissing(): string | undefined {
  if (postgresBinaries()) return undefined;
  const reason = 'no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin or on PATH';
  if (process.env.CI === 'true') throw new Error(`${reason}: .ci/run installs Debian's postgresql package`);
  console.warn(`${reason}: the PostgreSQL server cases are skipped (apt-get install postgresql runs them)`);
  return reason;
}

/**
 * Starts a server for one test suite. As root, the binaries run as the `postgres` user (PostgreSQL refuses to run
 * as root).
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinaries();
  if (!bin) throw new Error(postgresMissing() ?? 'no PostgreSQL server binaries');
  const dir = mkdtempSync(join(tmpdir(), 'eventfold-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
      : [join(bin, tool), args];
    const result = spawnSync(file, argv, { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.stdout}`);
    return result.stdout;
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`;
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  const version = run('pg_ctl', ['--version']).trim();
  return {
    connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    version,
    stop: async () => {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
