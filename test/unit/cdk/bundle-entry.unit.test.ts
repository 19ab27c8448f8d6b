import { buildSync } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { bundleEntry, projectRootOf } from '../../../src/infrastructure/cdk/bundle-entry';

/**
 * A framework module, an app module that imports it back (as every app imports eventfold), a registration module,
 * a module loaded on demand with `import()` (as the AWS SDK loads its credential providers), and a role entry: each
 * records that it ran.
 */
const FILES: Record<string, string> = {
  'fw.ts': 'export const ran: string[] = [];\nexport const register = (name: string) => ran.push(name);\n',
  'app.ts': "import { register } from './fw';\nregister('app');\n",
  'kms.ts': "import { register } from './fw';\nregister('kms');\n",
  'later.ts': 'export const later = true;\n',
  'entry.ts':
    "import { ran, register } from './fw';\nregister('entry');\nexport const handler = () => [...ran];\n" +
    "export const onDemand = () => import('./later');\n",
};

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'eventfold-entry-'));
  for (const [name, source] of Object.entries(FILES)) writeFileSync(join(dir, name), source);
  return dir;
}

/** Bundles as the construct does (CommonJS, unminified here so that wrappers are visible), then runs it. */
function bundleAndRun(entry: string, inject: string[] = []): { code: string; ran: string[] } {
  const code = buildSync({ entryPoints: [entry], bundle: true, write: false, format: 'cjs', inject })
    .outputFiles[0]!.text;
  const module = { exports: {} as { handler?: () => string[] } };
  runInNewContext(code, { module, exports: module.exports });
  return { code, ran: module.exports.handler!() };
}

describe('the entry a function is bundled from', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('runs the app module and the registrations first, in order, and exports the handler', () => {
    const dir = project();
    dirs.push(dir);
    const entry = bundleEntry(
      join(dir, 'entry.ts'),
      [join(dir, 'app.ts'), join(dir, 'kms.ts')],
      join(dir, 'gen'),
    );
    expect(bundleAndRun(entry).ran).toEqual(['app', 'kms', 'entry']);
  });

  it('leaves the app and the framework in place, where esbuild inject wraps them for lazy evaluation', () => {
    const dir = project();
    dirs.push(dir);
    const entry = bundleEntry(join(dir, 'entry.ts'), [join(dir, 'app.ts')], join(dir, 'gen'));
    const generated = bundleAndRun(entry);
    const injected = bundleAndRun(join(dir, 'entry.ts'), [join(dir, 'app.ts')]);
    expect(generated.code).not.toMatch(/init_(fw|app)\b/);
    // What the construct did before: an injected module is imported by every file, the one loaded on demand too,
    // which esbuild wraps for lazy evaluation; so the app is wrapped, and with it everything it imports.
    expect(injected.code).toMatch(/init_(fw|app)\b/);
    expect(injected.ran).toEqual(generated.ran);
  });

  it('names its imports from its real folder when node_modules is a link to elsewhere', () => {
    const dir = project();
    const elsewhere = mkdtempSync(join(tmpdir(), 'eventfold-linked-modules-'));
    dirs.push(dir, elsewhere);
    symlinkSync(elsewhere, join(dir, 'node_modules'), 'dir');
    const gen = join(dir, 'node_modules', '.cache', 'eventfold-entries');
    const entry = bundleEntry(join(dir, 'entry.ts'), [join(dir, 'app.ts')], gen);
    // Inside the project root as named (NodejsFunction refuses an entry outside it), yet resolving from the link's target.
    expect(entry.startsWith(gen)).toBe(true);
    expect(bundleAndRun(entry).ran).toEqual(['app', 'entry']);
  });

  it('is the entry itself when nothing runs first, and the same file for the same modules', () => {
    const dir = project();
    dirs.push(dir);
    expect(bundleEntry(join(dir, 'entry.ts'), [], join(dir, 'gen'))).toBe(join(dir, 'entry.ts'));
    const first = bundleEntry(join(dir, 'entry.ts'), [join(dir, 'app.ts')], join(dir, 'gen'));
    const again = bundleEntry(join(dir, 'entry.ts'), [join(dir, 'app.ts')], join(dir, 'gen'));
    expect(again).toBe(first);
    expect(readFileSync(first, 'utf8')).toBe(readFileSync(again, 'utf8'));
  });

  it('finds the project root as NodejsFunction does: given, else the lock file folder', () => {
    const dir = project();
    dirs.push(dir);
    mkdirSync(join(dir, 'deep', 'er'), { recursive: true });
    writeFileSync(join(dir, 'package-lock.json'), '{}');
    expect(projectRootOf({ projectRoot: join(dir, 'deep') })).toBe(join(dir, 'deep'));
    expect(projectRootOf({ depsLockFilePath: join(dir, 'package-lock.json') })).toBe(dir);
    const cwd = process.cwd();
    try {
      process.chdir(join(dir, 'deep', 'er'));
      expect(projectRootOf({})).toBe(dir);
    } finally {
      process.chdir(cwd);
    }
  });
});
