import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { importGraph } from './import-graph';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

/** Every module a user can load: the five entry points and the `eventfold` command. */
const shipped = ['index.ts', 'aws.ts', 'testing/index.ts', 'local.ts', 'cdk.ts', 'cli/main.ts'];

function packagesOf(files: readonly string[]): Set<string> {
  return new Set(files.flatMap((file) => [...importGraph(join(root, 'src', file), root).packages]));
}

/** A package's own name or the `@types/` package that types it is declared in dependencies or peers. */
function declared(pkg: string): boolean {
  const types = `@types/${pkg.replace(/^@(.*)\//, '$1__')}`;
  const all = { ...manifest.dependencies, ...manifest.peerDependencies };
  return pkg in all || types in all;
}

describe('declared dependencies', () => {
  it('declares every package a shipped module imports, type-only imports included', () => {
    const undeclared = [...packagesOf(shipped)].filter(
      (pkg) => !builtinModules.includes(pkg) && !declared(pkg),
    );
    expect(undeclared).toEqual([]);
  });

  it('keeps the CLI, construct, emulator and test-runner packages out of dependencies, as optional peers', () => {
    const outside = packagesOf(['cli/main.ts', 'cdk.ts', 'local.ts', 'testing/index.ts']);
    for (const pkg of packagesOf(['index.ts', 'aws.ts'])) outside.delete(pkg);
    // The runtime's DynamoDB Streams client is an SDK client like the others: a dependency a Lambda bundle leaves out.
    const optional = [...outside].filter(
      (pkg) => !builtinModules.includes(pkg) && !pkg.startsWith('@aws-sdk/'),
    );
    expect(optional.length).toBeGreaterThanOrEqual(8);
    for (const pkg of optional) {
      const declaredAs = {
        dependency: pkg in manifest.dependencies,
        optionalPeer: manifest.peerDependenciesMeta[pkg]?.optional,
      };
      expect({ pkg, ...declaredAs }).toEqual({ pkg, dependency: false, optionalPeer: true });
    }
  });
});
