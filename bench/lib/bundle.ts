import { buildSync } from 'esbuild';
import { join } from 'node:path';
import { rewriteBundleFile } from '../../src/infrastructure/cdk/ascii-regexps-file';

/** Where bundles go: inside node_modules, so that the modules left out of a bundle still resolve from it. */
const BUNDLE_DIR = join(__dirname, '..', '..', 'node_modules', '.cache', 'eventfold-bench');

/**
 * Bundles `entry` into one minified CommonJS file, as the CDK construct bundles eventfold's Lambda functions
 * (esbuild, minified, class names kept, everything bundled, the SDK included, regular expression literals with
 * non-ASCII characters rewritten afterwards), and returns the file's path.
 * `external`: packages the bundled program never loads at run time (the emulators it reaches over HTTP).
 * Benches that measure a process's memory run such a bundle: it is what runs on AWS, and it carries neither
 * ts-node's in-process TypeScript compiler nor unminified source text, which would be counted in the heap.
 */
export function bundleForNode(entry: string, name: string, external: readonly string[] = []): string {
  const outfile = join(BUNDLE_DIR, `${name}.js`);
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    format: 'cjs',
    minify: true,
    keepNames: true,
    external: [...external],
    logLevel: 'error',
  });
  rewriteBundleFile(outfile);
  return outfile;
}
