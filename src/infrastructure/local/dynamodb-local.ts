import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type ChildService, startChildService } from './child-service';
import { freePort } from './free-port';

/** A running DynamoDB Local (AWS's own jar, from the npm package amplify-dynamodb-simulator). */
export type DynamoDbLocal = ChildService;

/** Options: a folder to persist to (in memory when absent; created when missing), a port (a free one when absent). */
export interface DynamoDbLocalOptions {
  readonly dataDir?: string;
  readonly port?: number;
}

function emulatorDir(): string {
  return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
}

/**
 * Starts DynamoDB Local on a free port with Java 17 and waits until it accepts connections.
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
  const jar = ['-Xmx1g', '-Djava.library.path=./DynamoDBLocal_lib', '-jar', 'DynamoDBLocal.jar'];
  return startChildService({
    name: 'DynamoDB Local',
    command: 'java',
    args: [...jar, ...storage, '-port', String(port), '-sharedDb'],
    cwd: emulatorDir(),
    port,
    startTimeoutMs: 60_000,
    missingHint: 'is Java 17 installed?',
  });
}
