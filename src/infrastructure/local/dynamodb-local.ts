import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type ChildService, startChildService } from './child-service';
import { startCommitBarrier } from './dynamodb-commit-barrier';
import { dynamoDbLocalLauncher } from './dynamodb-local-launcher';
import { freePort } from './free-port';

/** A running DynamoDB Local (AWS's own jar, from the npm package amplify-dynamodb-simulator). */
export type DynamoDbLocal = ChildService;

/**
 * The JVM flags the local runtime (`npm start`, `startLocalRuntime`) starts DynamoDB Local with: the client
 * compiler only (`-XX:TieredStopAtLevel=1`), which in the runtime suite took DynamoDB Local's start from about 7 s
 * to 3 s on a busy 2-core machine and its idle resident set down by about 20 MiB; and the serial collector with a
 * small initial heap (`-XX:+UseSerialGC -Xms16m`), which took the idle resident set after creating six tables from
 * 145-153 to 124-125 MiB (neither flag alone did). Benchmarks and tests keep the default (`-Xmx1g` with the
 * optimising compiler and G1), whose steady-state throughput is higher.
 */
export const RUNTIME_DYNAMODB_LOCAL_JVM_FLAGS: readonly string[] = [
  '-Xmx1g',
  '-Xms16m',
  '-XX:+UseSerialGC',
  '-XX:TieredStopAtLevel=1',
];

/** Options: a folder to persist to (in memory when absent; created when missing), a port (a free one when absent). */
export interface DynamoDbLocalOptions {
  readonly dataDir?: string;
  readonly port?: number;
  /** JVM flags in place of the default `-Xmx1g` (the local runtime uses `RUNTIME_DYNAMODB_LOCAL_JVM_FLAGS`). */
  readonly jvmFlags?: readonly string[];
}

function emulatorDir(): string {
  return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
}

/** `node_modules/.cache/eventfold`, next to the package that ships the jar. */
function cacheDir(): string {
  return join(emulatorDir(), '..', '..', '.cache', 'eventfold');
}

/**
 * Starts DynamoDB Local on a free loopback port with Java 17 and waits until it accepts connections. It exits with
 * this process, however this process ends. With `dataDir`, the endpoint is a front that answers a transaction only
 * once it is in the database file (see `startCommitBarrier`), so an acknowledged write survives a crash.
 * @example
 * const ddb = await startDynamoDbLocal();
 * try { ... } finally { await ddb.stop(); }
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  // The jar runs in its own folder, so a relative data folder is resolved against ours first.
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const storage = dataDir ? ['-dbPath', dataDir] : ['-inMemory'];
  const launcher = await dynamoDbLocalLauncher(emulatorDir(), cacheDir());
  const jvm = [...(options.jvmFlags ?? ['-Xmx1g']), '-Djava.library.path=./DynamoDBLocal_lib', ...launcher];
  const local = await startChildService({
    name: 'DynamoDB Local',
    command: 'java',
    args: [...jvm, ...storage, '-port', String(port), '-sharedDb'],
    cwd: emulatorDir(),
    port,
    startTimeoutMs: 60_000,
    missingHint: 'is Java 17 installed?',
  });
  if (!dataDir) return local;
  const barrier = await startCommitBarrier(port).catch(async (error: unknown) => {
    await local.stop();
    throw error;
  });
  return {
    endpoint: barrier.endpoint,
    port: barrier.port,
    pid: local.pid,
    stop: async () => {
      await barrier.stop();
      await local.stop();
    },
  };
}
