// Type-checks a user's file that imports every entry point (eventfold, /aws, /testing, /local, /cdk) against the
// package's built declarations, strictly and without skipLibCheck, under moduleResolution node10, node16 and
// bundler. Run by CI after the build; takes a few minutes (the declarations of aws-cdk-lib are checked too).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** The module settings a consumer may type-check with. */
export const RESOLUTIONS = {
  node10: { module: 'commonjs', moduleResolution: 'node10' },
  node16: { module: 'node16', moduleResolution: 'node16' },
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
} as const;

/** A file of a user's project that imports something from each entry point and uses it. */
export const CONSUMER_SOURCE = `import { Aggregate, AggregateRoot, defineDomain, parseDuration } from 'eventfold';
import { configFromEnv, createDynamoDbClient, DataApiSqlClient, defineEventfoldApp, DynamoDbEventStore, EventBridgeTimerScheduler } from 'eventfold/aws';
import { eventStoreContract, forAggregate, InMemoryTimerScheduler } from 'eventfold/testing';
import { LocalClock, startLocalRuntime, type LocalRuntime } from 'eventfold/local';
import { Eventfold, EventfoldTimers, type SqlSettings } from 'eventfold/cdk';

@AggregateRoot('Member')
export class Member extends Aggregate {}

export const app = defineEventfoldApp({ domain: defineDomain({ aggregates: [Member] }) });
export const config = configFromEnv({});
export const parts = [createDynamoDbClient, DynamoDbEventStore, eventStoreContract, forAggregate, Eventfold, DataApiSqlClient];
export const sql: SqlSettings = { minCapacity: 0 };
export const timers = [EventBridgeTimerScheduler, EventfoldTimers, LocalClock, new InMemoryTimerScheduler()];
export const fifteenMinutes: number = parseDuration('15m');
export const start = (): Promise<LocalRuntime> => startLocalRuntime({ app });
`;

/**
 * Builds the package's declarations into a temporary copy of it (the repository's node_modules beside them), and
 * a consumer project beside it with `node_modules/eventfold` pointing at that copy.
 */
export function makeConsumerProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'eventfold-consumer-'));
  const pkg = join(dir, 'eventfold');
  mkdirSync(pkg);
  execFileSync(process.execPath, [
    tsc,
    '-p',
    join(root, 'tsconfig.build.json'),
    '--emitDeclarationOnly',
    '--outDir',
    join(pkg, 'dist'),
  ]);
  copyFileSync(join(root, 'package.json'), join(pkg, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'));
  const app = join(dir, 'app');
  mkdirSync(join(app, 'node_modules', '@types'), { recursive: true });
  symlinkSync(pkg, join(app, 'node_modules', 'eventfold'));
  symlinkSync(join(root, 'node_modules', '@types', 'node'), join(app, 'node_modules', '@types', 'node'));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
  writeFileSync(join(app, 'index.ts'), CONSUMER_SOURCE);
  return app;
}

/** Type-checks the consumer strictly, without skipLibCheck, under one module setting; returns tsc's output. */
export function typeCheck(
  app: string,
  resolution: keyof typeof RESOLUTIONS,
): { ok: boolean; output: string } {
  const config = {
    compilerOptions: {
      ...RESOLUTIONS[resolution],
      target: 'ES2022',
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      experimentalDecorators: true,
      types: ['node'],
    },
    files: ['index.ts'],
  };
  const file = join(app, `tsconfig.${resolution}.json`);
  writeFileSync(file, JSON.stringify(config));
  try {
    return { ok: true, output: execFileSync(process.execPath, [tsc, '-p', file], { encoding: 'utf8' }) };
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout ?? error) };
  }
}

function main(): void {
  const app = makeConsumerProject();
  let failed = 0;
  try {
    for (const resolution of Object.keys(RESOLUTIONS) as Array<keyof typeof RESOLUTIONS>) {
      const started = Date.now();
      const result = typeCheck(app, resolution);
      const took = ((Date.now() - started) / 1000).toFixed(0);
      console.log(`entry types, moduleResolution ${resolution}: ${result.ok ? 'ok' : 'FAILED'} (${took} s)`);
      if (!result.ok) {
        failed += 1;
        console.log(result.output);
      }
    }
  } finally {
    rmSync(join(app, '..'), { recursive: true, force: true });
  }
  process.exit(failed === 0 ? 0 : 1);
}

main();
