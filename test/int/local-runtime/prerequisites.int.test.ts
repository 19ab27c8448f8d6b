import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { app } from '../../../examples/cdk-app/eventfold-app';
import { hasErrorCode } from '../../../src/domain/errors';
import { startLocalRuntime } from '../../../src/infrastructure/local/runtime/local-runtime';

describe('local runtime on a machine without Java', () => {
  const path = process.env.PATH;
  let bin: string;

  beforeAll(() => {
    bin = mkdtempSync(join(tmpdir(), 'no-java-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    process.env.PATH = bin;
  });

  afterAll(() => {
    process.env.PATH = path;
    rmSync(bin, { recursive: true, force: true });
  });

  it('refuses to start with a ConfigurationError that says which Java to install', async () => {
    const started = Date.now();
    const error = await startLocalRuntime({ app }).then(
      async (runtime) => {
        await runtime.stop();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(hasErrorCode(error, 'CONFIGURATION_INVALID')).toBe(true);
    expect((error as Error).message).toContain('apt install openjdk-17-jre-headless');
    expect((error as { context: object }).context).toMatchObject({ java: 'missing', missingPackages: [] });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
