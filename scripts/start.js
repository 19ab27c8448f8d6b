// `npm start`: runs the local runtime and the app from one esbuild bundle of their TypeScript, in this process, so
// that no TypeScript compiler is loaded at run time (ts-node kept about 100 MiB of it) and nothing is transpiled
// on each start. The bundle is kept in node_modules/.cache/eventfold-start and built again only when the content
// of one of its source files changed. Packages stay outside the bundle, loaded from node_modules as usual.
const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { join, relative, resolve } = require('node:path');

const ROOT = join(__dirname, '..');
const MAIN = join(ROOT, 'src', 'infrastructure', 'local', 'main.ts');
const RUNTIME_APP = join(ROOT, 'src', 'infrastructure', 'local', 'runtime', 'runtime-app.ts');
const EXAMPLES_APP = join(ROOT, 'examples', 'cdk-app', 'eventfold-app.ts');
/** Changed when what goes into the bundle changes otherwise than by a source file's content. */
const BUNDLE_FORMAT = 'eventfold-start 1';

/** The value of `--app <module>` or `--app=<module>` among the arguments, as commander reads it. */
function appArgument(argv) {
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--app') return argv[i + 1];
    if (argv[i].startsWith('--app=')) return argv[i].slice('--app='.length);
  }
  return undefined;
}

/** The file of the app module: the examples by default, else `--app` resolved as `require` would. */
function appFile(argv, cwd) {
  const given = appArgument(argv);
  if (given === undefined) return EXAMPLES_APP;
  const base = resolve(cwd, given);
  const file = ['', '.ts', '.js'].map((ext) => base + ext).find((f) => existsSync(f) && statSync(f).isFile());
  return file ?? base;
}

/** The entry of the bundle: the app module, loaded by the runtime when it asks for the app, then the runtime. */
function entrySource(app) {
  return [
    `require(${JSON.stringify(RUNTIME_APP)}).useBundledAppModule(() => require(${JSON.stringify(app)}));`,
    `require(${JSON.stringify(MAIN)});`,
    '',
  ].join('\n');
}

/** A hash of what the bundle was built from: the format, esbuild's version, the entry and each input's content. */
function contentHash(esbuildVersion, entry, inputs) {
  const hash = createHash('sha256').update(`${BUNDLE_FORMAT}\n${esbuildVersion}\n${entry}\n`);
  for (const input of inputs) {
    const file = join(ROOT, input);
    if (!existsSync(file)) return undefined;
    hash.update(`${input}\n`).update(readFileSync(file)).update('\n');
  }
  return hash.digest('hex');
}

/** Writes `content` to `file` through a file of its own and a rename, so that a concurrent start never reads half. */
function writeAtomically(file, content) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

/** Builds the bundle of `entry` into `bundle` and returns the source files it was built from (paths from ROOT). */
function build(entry, bundle) {
  const result = require('esbuild').buildSync({
    stdin: { contents: entry, resolveDir: ROOT, sourcefile: 'npm-start-entry.js', loader: 'js' },
    absWorkingDir: ROOT,
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    packages: 'external',
    keepNames: true,
    metafile: true,
    write: false,
    logLevel: 'error',
  });
  writeAtomically(bundle, result.outputFiles[0].contents);
  return Object.keys(result.metafile.inputs)
    .filter((input) => input !== 'npm-start-entry.js' && !input.startsWith('<'))
    .map((input) => relative(ROOT, resolve(ROOT, input)))
    .sort();
}

/**
 * The bundle for the app module `app`: the cached one when every source file it was built from has the same
 * content, else a new build, made in a child process so that esbuild's worker and service process do not stay in
 * the runtime's. Returns its path and whether it was built now.
 */
function runtimeBundle(app, cacheRoot = join(ROOT, 'node_modules', '.cache', 'eventfold-start')) {
  const esbuildVersion = require('esbuild/package.json').version;
  const entry = entrySource(app);
  const dir = join(cacheRoot, createHash('sha256').update(`${ROOT}\n${entry}`).digest('hex').slice(0, 16));
  const bundle = join(dir, 'runtime.js');
  const manifest = join(dir, 'inputs.json');
  if (existsSync(bundle) && existsSync(manifest)) {
    const kept = JSON.parse(readFileSync(manifest, 'utf8'));
    if (kept.hash && kept.hash === contentHash(esbuildVersion, entry, kept.inputs)) {
      return { file: bundle, built: false };
    }
  }
  mkdirSync(dir, { recursive: true });
  const script = `process.stdout.write(JSON.stringify(require(${JSON.stringify(__filename)}).build(${JSON.stringify(entry)}, ${JSON.stringify(bundle)})))`;
  const inputs = JSON.parse(
    execFileSync(process.execPath, ['-e', script], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  writeAtomically(manifest, JSON.stringify({ hash: contentHash(esbuildVersion, entry, inputs), inputs }));
  return { file: bundle, built: true };
}

module.exports = { appArgument, appFile, build, entrySource, runtimeBundle };

if (require.main === module) {
  const { file } = runtimeBundle(appFile(process.argv.slice(2), process.cwd()));
  require(file);
}
