import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const manifest = JSON.parse(read('package.json')) as {
  license: string;
  files: string[];
  engines: { node: string };
};

describe('published files', () => {
  it('ships source maps only with their sources inside', () => {
    const build = JSON.parse(read('tsconfig.build.json')) as { compilerOptions: Record<string, unknown> };
    const base = JSON.parse(read('tsconfig.json')) as { compilerOptions: Record<string, unknown> };
    const sourceMap = build.compilerOptions.sourceMap ?? base.compilerOptions.sourceMap;
    expect(sourceMap === false || build.compilerOptions.inlineSources === true).toBe(true);
  });

  it('ships a LICENSE matching the license package.json declares, the CHANGELOG of this version and docs/', () => {
    expect(manifest.license).toBe('MIT');
    expect(read('LICENSE')).toMatch(/^MIT License\n/);
    expect(manifest.files).toEqual(expect.arrayContaining(['LICENSE', 'CHANGELOG.md', 'docs']));
    const { version } = JSON.parse(read('package.json')) as { version: string };
    expect(read('CHANGELOG.md')).toContain(`## ${version}`);
  });

  it('declares the Node.js versions the local runtime and the deployed functions run', () => {
    expect(manifest.engines.node).toBe('>=22');
  });
});
