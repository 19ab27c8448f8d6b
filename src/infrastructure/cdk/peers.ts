import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError } from '../../domain/domain-errors';

/** The packages the construct needs beside eventfold (optional peer dependencies of the package). */
export const CDK_PEER_PACKAGES = [
  'aws-cdk-lib',
  'constructs',
  'esbuild',
  'acorn',
  '@jridgewell/sourcemap-codec',
] as const;

/** True when `name` is installed where this module's `require` would find it (its exports need not allow it). */
export function isInstalled(name: string): boolean {
  return (require.resolve.paths(name) ?? []).some((dir) => existsSync(join(dir, name, 'package.json')));
}

/**
 * Throws a `ConfigurationError` naming the construct's missing peer packages and the command that installs them;
 * `eventfold/cdk` calls it before it loads anything of aws-cdk-lib.
 */
export function assertCdkPeers(hasPackage: (name: string) => boolean = isInstalled): void {
  const missing = CDK_PEER_PACKAGES.filter((name) => !hasPackage(name));
  if (missing.length === 0) return;
  const install = `npm i -D ${missing.join(' ')}`;
  throw new ConfigurationError(`eventfold/cdk needs ${missing.join(', ')}: ${install}`, {
    missingPackages: missing,
    install,
  });
}
