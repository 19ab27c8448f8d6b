import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ChildService, startChildService } from './child-service';
import { freePort } from './free-port';

/** A local SQS endpoint (the npm emulator fauxqs, which speaks the AWS JSON protocol of SDK v3 SQS). */
export type LocalSqs = ChildService;

/** The emulator's CLI; found on the module search path, since its package exports neither it nor package.json. */
function fauxqsCli(): string {
  for (const dir of require.resolve.paths('fauxqs') ?? []) {
    const cli = join(dir, 'fauxqs', 'dist', 'cli.js');
    if (existsSync(cli)) return cli;
  }
  throw new Error('the local SQS emulator (npm package fauxqs) is not installed');
}

/**
 * Runs the emulator's `startFauxqs` (its module URL is the first argument) on FAUXQS_PORT with two changes: every
 * server it opens listens on 127.0.0.1 (fauxqs 1.9 listens on 0.0.0.0 whatever FAUXQS_HOST says; that variable only
 * names the host in queue URLs), and it exits when its standard input ends, that is when its parent is gone.
 */
const LAUNCHER = `
import net from 'node:net';
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (options, ...rest) {
  const loopback = typeof options === 'object' && options !== null ? { ...options, host: '127.0.0.1' } : options;
  return listen.call(this, loopback, ...rest);
};
process.stdin.on('end', () => process.exit(0)).on('error', () => process.exit(0)).resume();
const { startFauxqs } = await import(process.argv[1]);
await startFauxqs({ logger: false, port: Number(process.env.FAUXQS_PORT), host: '127.0.0.1' });
`;

/** The emulator's app, served by Fastify; `buildApp` is the one export used in this process. */
interface FauxqsModule {
  buildApp(options: { logger: boolean; host: string }): {
    listen(options: { port: number; host: string }): Promise<string>;
    close(): Promise<void>;
  };
}

/**
 * Node's own `import()`, which loads an ES module from CommonJS: TypeScript's CommonJS output would turn a written
 * `import()` into `require`, which cannot load one. Inside a test runner's module system it rejects.
 */
const importModule = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;

/** The emulator in this process on 127.0.0.1, or undefined when this process cannot import ES modules. */
async function startInProcess(app: string, port: number): Promise<LocalSqs | undefined> {
  const fauxqs = (await importModule(app).catch(() => undefined)) as FauxqsModule | undefined;
  if (!fauxqs?.buildApp) return undefined;
  const server = fauxqs.buildApp({ logger: false, host: '127.0.0.1' });
  await server.listen({ port, host: '127.0.0.1' });
  return { endpoint: `http://127.0.0.1:${port}`, port, pid: undefined, stop: () => server.close() };
}

/**
 * Starts a local SQS endpoint on a free loopback port: in this process (about 20 MiB, against about 70 MiB for a
 * process of its own) when it can import the emulator's ES module, else in a child process (inside test runners'
 * module systems) that exits with this process, however this process ends. In memory; stop it with `stop()`.
 * @example
 * const sqs = await startLocalSqs();
 * const client = createSqsClient({ region: 'us-east-1', sqs: sqs.endpoint });
 */
export async function startLocalSqs(options: { port?: number } = {}): Promise<LocalSqs> {
  const port = options.port ?? (await freePort());
  const app = pathToFileURL(join(dirname(fauxqsCli()), 'app.js')).href;
  const inProcess = await startInProcess(app, port);
  if (inProcess) return inProcess;
  return startChildService({
    name: 'local SQS',
    command: process.execPath,
    args: ['--input-type=module', '-e', LAUNCHER, app],
    env: { ...process.env, FAUXQS_PORT: String(port), FAUXQS_HOST: '127.0.0.1' },
    port,
    startTimeoutMs: 30_000,
  });
}
