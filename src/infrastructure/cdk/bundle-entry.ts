import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';

/** The lock files `NodejsFunction` looks for to find the project root, in its order. */
const LOCK_FILES = ['pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb', 'package-lock.json'];

/**
 * The folder `NodejsFunction` bundles from: the given project root, else the folder of the lock file (given, or
 * the nearest one up from the working directory), else the working directory.
 */
export function projectRootOf(settings: { projectRoot?: string; depsLockFilePath?: string }): string {
  if (settings.projectRoot) return resolve(settings.projectRoot);
  if (settings.depsLockFilePath) return dirname(resolve(settings.depsLockFilePath));
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    if (LOCK_FILES.some((name) => existsSync(join(dir, name)))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

/**
 * `file` as an import specifier relative to `dir` (so that the entry also bundles inside a container), both real
 * paths: the bundler resolves an import from the real folder of the importing file (`node_modules` may be a link).
 */
function specifier(dir: string, file: string): string {
  const path = relative(dir, realpathSync(file)).split(sep).join('/');
  return JSON.stringify(path.startsWith('.') ? path : `./${path}`);
}

/** The source of an entry in `dir` that runs `first` in order, then re-exports everything `entry` exports. */
export function entrySource(entry: string, first: readonly string[], dir: string): string {
  const imports = first.map((module) => `import ${specifier(dir, module)};`);
  return [...imports, `export * from ${specifier(dir, entry)};`, ''].join('\n');
}

/**
 * The file a function is bundled from when modules must run ahead of its entrypoint (the app module that
 * registers the app, the KMS key wrapper's registration): one that imports them in order, then re-exports the
 * entrypoint. Written into `dir` under a name from its content, and returned; `entry` itself when `first` is
 * empty.
 *
 * Why not esbuild's `inject`: an injected module is imported into every file of the bundle, also into the modules
 * the AWS SDK loads on demand with `import()`, which esbuild wraps in lazy initialisers. A module a wrapped one
 * imports is wrapped too, so the app module was, and with it everything it imports: the whole framework and SDK,
 * which esbuild then can neither tree-shake (the API's bundle held the DynamoDB client's every command, paginator
 * and waiter) nor leave to V8's one-pass top-level parse. The example API's bundle was 896 KiB instead of 764, and
 * its init CPU 2.2x the baseline's instead of 1.6x.
 * @example
 * const entry = bundleEntry(defaultEntry('http-api'), ['src/app.ts'], 'node_modules/.cache/eventfold-entries');
 */
export function bundleEntry(entry: string, first: readonly string[], dir: string): string {
  if (first.length === 0) return entry;
  mkdirSync(dir, { recursive: true });
  const realDir = realpathSync(dir);
  const source = entrySource(entry, first, realDir);
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  // Named through `dir` as given, which is inside the project root even when a link leads elsewhere.
  const file = join(resolve(dir), `${basename(entry, extname(entry))}-${hash}.ts`);
  if (existsSync(file) && readFileSync(file, 'utf8') === source) return file;
  // Written whole and then renamed: another synth in the same project may be reading it.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, source);
  renameSync(partial, file);
  return file;
}

/** Where the construct writes the entries of its functions: a cache folder inside the project root. */
export const bundleEntryDirIn = (projectRoot: string): string =>
  join(projectRoot, 'node_modules', '.cache', 'eventfold-entries');
