import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { rewriteNonAsciiRegExps } from './ascii-regexps';

/** Rewrites a bundle file's non-ASCII regular expression literals in place, and its `.map` beside it if any. */
export function rewriteBundleFile(file: string): void {
  const mapFile = `${file}.map`;
  const map = existsSync(mapFile) ? readFileSync(mapFile, 'utf8') : undefined;
  const rewritten = rewriteNonAsciiRegExps({ code: readFileSync(file, 'utf8'), map });
  writeFileSync(file, rewritten.code);
  if (rewritten.map !== undefined) writeFileSync(mapFile, rewritten.map);
}

/**
 * The shell command that runs `rewriteBundleFile` on `file` in a fresh `node` (a bundling hook of the CDK
 * construct). Under ts-node or ts-jest this module is TypeScript, so the command registers ts-node too.
 */
export function rewriteBundleCommand(file: string): string {
  const typescript = extname(__filename) === '.ts';
  const register = typescript ? ['-r', require.resolve('ts-node/register/transpile-only')] : [];
  const script = `require(${JSON.stringify(__filename)}).rewriteBundleFile(process.argv[1])`;
  return ['node', ...register, '-e', script, file].map((part) => JSON.stringify(part)).join(' ');
}

/** The file `NodejsFunction` bundles a function into. */
export const bundleFileIn = (outputDir: string): string => join(outputDir, 'index.js');
