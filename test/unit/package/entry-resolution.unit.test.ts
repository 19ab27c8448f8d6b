import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..', '..', '..');
const app = '/consumer';
const pkg = `${app}/node_modules/eventfold`;

/** A consumer's file system: the package's manifest, and a declaration file for every source file it builds. */
const host: ts.ModuleResolutionHost = {
  fileExists(path) {
    if (path === `${pkg}/package.json`) return true;
    const declaration = /^\/consumer\/node_modules\/eventfold\/dist\/(src\/.+)\.d\.ts$/.exec(path);
    return declaration ? existsSync(join(root, `${declaration[1]}.ts`)) : false;
  },
  readFile(path) {
    return path === `${pkg}/package.json` ? readFileSync(join(root, 'package.json'), 'utf8') : undefined;
  },
  directoryExists: (path) => path === app || path.startsWith(`${app}/node_modules`),
  realpath: (path) => path,
  getCurrentDirectory: () => app,
};

const settings: Record<string, ts.CompilerOptions> = {
  node10: { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 },
  node16: { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 },
  bundler: { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
};

const entries: Record<string, string> = {
  eventfold: 'dist/src/index.d.ts',
  'eventfold/aws': 'dist/src/aws.d.ts',
  'eventfold/testing': 'dist/src/testing/index.d.ts',
  'eventfold/local': 'dist/src/local.d.ts',
  'eventfold/cdk': 'dist/src/cdk.d.ts',
};

function resolve(specifier: string, options: ts.CompilerOptions): string | undefined {
  return ts.resolveModuleName(specifier, `${app}/index.ts`, options, host).resolvedModule?.resolvedFileName;
}

describe('entry point resolution', () => {
  for (const [name, options] of Object.entries(settings)) {
    it(`resolves every entry point to its declarations under moduleResolution ${name}`, () => {
      for (const [specifier, file] of Object.entries(entries)) {
        expect({ specifier, resolved: resolve(specifier, options) }).toEqual({
          specifier,
          resolved: `${pkg}/${file}`,
        });
      }
    });
  }

  it('gives exports-aware consumers no way into dist/', () => {
    for (const name of ['node16', 'bundler']) {
      expect(resolve('eventfold/dist/src/local', settings[name]!)).toBeUndefined();
    }
  });
});
