import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_MODULE_CONVENTION, ensureTypeScriptLoader, findAppModule } from '../../../src/cli/app-module';

/** A project folder holding the given files (paths relative to it). */
function project(files: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'eventfold-app-module-'));
  for (const file of files) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), 'export const app = undefined;\n');
  }
  return dir;
}

describe('the app module eventfold start serves', () => {
  const made: string[] = [];
  const at = (files: readonly string[]) => {
    const dir = project(files);
    made.push(dir);
    return dir;
  };
  afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('is the first file of the convention present in the project, whatever else lies beside it', () => {
    const other = fc.constantFrom('app.ts', 'src/main.ts', 'src/app.mjs', 'dist/src/app.js', 'src/index.ts');
    fc.assert(
      fc.property(fc.subarray([...APP_MODULE_CONVENTION]), fc.uniqueArray(other), (conventional, others) => {
        const dir = at([...conventional, ...others]);
        if (conventional.length === 0) {
          expect(() => findAppModule(dir)).toThrow(
            expect.objectContaining({
              code: 'CONFIGURATION_INVALID',
              context: expect.objectContaining({ cwd: dir }),
            }),
          );
          expect(() => findAppModule(dir)).toThrow(/src\/app\.ts or src\/app\.js .* --app <module>/);
        } else {
          expect(findAppModule(dir)).toBe(join(dir, conventional[0]!));
        }
      }),
      { numRuns: 40 },
    );
  }, 30_000);

  it('is the --app module, with or without its extension, and a missing one is named', () => {
    const dir = at(['lib/my-app.ts', 'built/app.js']);
    expect(findAppModule(dir, './lib/my-app')).toBe(join(dir, 'lib/my-app.ts'));
    expect(findAppModule(dir, 'lib/my-app.ts')).toBe(join(dir, 'lib/my-app.ts'));
    expect(findAppModule(dir, join(dir, 'built/app'))).toBe(join(dir, 'built/app.js'));
    expect(() => findAppModule(dir, './lib/other')).toThrow(
      expect.objectContaining({ code: 'CONFIGURATION_INVALID', context: { app: './lib/other', cwd: dir } }),
    );
  });

  it('says to install ts-node when a TypeScript app module cannot be loaded without it', () => {
    const dir = at(['src/app.ts']);
    const loaders = require.extensions as Record<string, unknown>;
    const loader = loaders['.ts'];
    delete loaders['.ts'];
    try {
      expect(() => ensureTypeScriptLoader(join(dir, 'src/app.ts'), dir)).toThrow(
        expect.objectContaining({
          code: 'CONFIGURATION_INVALID',
          context: expect.objectContaining({ missing: 'ts-node' }),
        }),
      );
      expect(() => ensureTypeScriptLoader(join(dir, 'src/app.ts'), dir)).toThrow(
        /src\/app\.ts is TypeScript .* npm install --save-dev ts-node typescript/,
      );
      expect(() => ensureTypeScriptLoader(join(dir, 'src/app.js'), dir)).not.toThrow();
    } finally {
      if (loader) loaders['.ts'] = loader;
    }
  });
});
