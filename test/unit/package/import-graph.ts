import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

/** What a module graph reaches: its own source files (relative to the root) and the packages it imports. */
export interface ImportGraph {
  readonly files: ReadonlySet<string>;
  readonly packages: ReadonlySet<string>;
}

function resolveRelative(from: string, specifier: string): string {
  const base = join(dirname(from), specifier);
  const candidates = [`${base}.ts`, join(base, 'index.ts'), base];
  const found = candidates.find((candidate) => existsSync(candidate) && /\.(ts|json)$/.test(candidate));
  if (!found) throw new Error(`${from} imports ${specifier}, which resolves to no .ts or .json file`);
  return found;
}

/** The package a bare specifier names: `@scope/name` or `name`, without a subpath or a `node:` builtin. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function follow(from: string, specifier: string, pending: string[], packages: Set<string>): void {
  if (specifier.startsWith('.')) {
    pending.push(resolveRelative(from, specifier));
    return;
  }
  const pkg = packageOf(specifier);
  if (pkg) packages.add(pkg);
}

/**
 * Walks the static imports, re-exports and `require`s of a TypeScript entry module, following relative ones
 * through the source tree, type-only ones included (a shipped `.d.ts` needs those packages too).
 */
export function importGraph(entry: string, root: string): ImportGraph {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    const name = relative(root, file);
    if (files.has(name)) continue;
    files.add(name);
    if (file.endsWith('.json')) continue;
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of info.importedFiles) follow(file, fileName, pending, packages);
  }
  return { files, packages };
}
