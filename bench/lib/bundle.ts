import { buildSync } from 'esbuild';
import { join } from 'node:path';
import { rewriteBundleFile } from '../../src/infrastructure/cdk/ascii-regexps-file';
import { bundleEntry } from '../../src/infrastructure/cdk/bundle-entry';
import { BUNDLE_MAIN_FIELDS } from '../../src/infrastructure/cdk/bundle-fields';

/** Where bundles go: inside node_modules, so that the modules left out of a bundle still resolve from it. */
const BUNDLE_DIR = join(__dirname, '..', '..', 'node_modules', '.cache', 'eventfold-bench');

/** What else goes into a bundle beside its entry. */
export interface BundleExtras {
  /** Packages the bundled program never loads at run time (the emulators it reaches over HTTP). */
  readonly external?: readonly string[];
  /** Modules run ahead of the entry, imported first by the bundled entry as the construct does (the app module). */
  readonly inject?: readonly string[];
  /** Where the bundle goes; inside node_modules by default. Only a bundle with no external module may go elsewhere. */
  readonly dir?: string;
}

/**
 * Bundles `entry` into one minified CommonJS file, as the CDK construct bundles eventfold's Lambda functions
 * (esbuild, from an entry importing the injected modules first, minified, class names kept, ES module builds
 * first, everything bundled, the SDK included, no source map, regular expression literals with non-ASCII
 * characters rewritten afterwards), and returns the file's path.
 * Benches that measure a process's memory run such a bundle: it is what runs on AWS, and it carries neither
 * ts-node's in-process TypeScript compiler nor unminified source text, which would be counted in the heap.
 */
export function bundleForNode(entry: string, name: string, extras: BundleExtras = {}): string {
  const dir = extras.dir ?? BUNDLE_DIR;
  const outfile = join(dir, `${name}.js`);
  buildSync({
    entryPoints: [bundleEntry(entry, extras.inject ?? [], join(dir, 'entries'))],
    outfile,
    bundle: true,
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    format: 'cjs',
    minify: true,
    keepNames: true,
    mainFields: [...BUNDLE_MAIN_FIELDS],
    external: [...(extras.external ?? [])],
    logLevel: 'error',
  });
  rewriteBundleFile(outfile);
  return outfile;
}
