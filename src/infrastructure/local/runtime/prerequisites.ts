import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError } from '../../../domain/domain-errors';

/** The npm packages of the emulators the local runtime starts (optional peer dependencies of eventfold). */
export const LOCAL_EMULATOR_PACKAGES = [
  'amplify-dynamodb-simulator',
  'kinesalite',
  'aws-local-stepfunctions',
  'fauxqs',
] as const;

/** The oldest Java that runs DynamoDB Local. */
export const MINIMUM_JAVA = 17;

/** What the runtime asks of the machine: whether a package is installed, and the major version of `java`. */
export interface PrerequisiteProbe {
  hasPackage(name: string): boolean;
  /** The major version of the `java` on PATH; undefined when there is none. */
  javaMajorVersion(): number | undefined;
}

/** What is missing: emulator packages, and whether Java is absent or too old (its version then). */
export interface MissingPrerequisites {
  readonly packages: readonly string[];
  readonly java: 'ok' | 'missing' | number;
}

/** Which prerequisites the probe does not find. */
export function missingPrerequisites(probe: PrerequisiteProbe): MissingPrerequisites {
  const packages = LOCAL_EMULATOR_PACKAGES.filter((name) => !probe.hasPackage(name));
  const version = probe.javaMajorVersion();
  const java = version === undefined ? 'missing' : version < MINIMUM_JAVA ? version : 'ok';
  return { packages, java };
}

function javaLine(java: MissingPrerequisites['java']): string | undefined {
  if (java === 'ok') return undefined;
  const found = java === 'missing' ? 'no java on PATH' : `java ${java} on PATH`;
  return `Java ${MINIMUM_JAVA} or later for DynamoDB Local (${found}): apt install openjdk-17-jre-headless`;
}

/** The error naming every missing prerequisite and the command that installs it; undefined when none is missing. */
export function prerequisitesError(missing: MissingPrerequisites): ConfigurationError | undefined {
  const lines: string[] = [];
  if (missing.packages.length > 0) {
    lines.push(
      `the emulator packages ${missing.packages.join(', ')}: npm i -D ${missing.packages.join(' ')}`,
    );
  }
  const java = javaLine(missing.java);
  if (java) lines.push(java);
  if (lines.length === 0) return undefined;
  return new ConfigurationError(`The local runtime needs ${lines.join('; and ')}`, {
    missingPackages: missing.packages,
    java: missing.java,
    install: missing.packages.length > 0 ? `npm i -D ${missing.packages.join(' ')}` : undefined,
  });
}

/** True when `name` is installed where this module's `require` would find it (its exports need not allow it). */
function installed(name: string): boolean {
  return (require.resolve.paths(name) ?? []).some((dir) => existsSync(join(dir, name, 'package.json')));
}

/** The major version `java -version` reports (e.g. 17 for "17.0.2", 8 for "1.8.0"); undefined without java. */
export function parseJavaMajorVersion(output: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 && match[2] !== undefined ? Number(match[2]) : major;
}

/** The probe of this machine: the module search path and `java -version`. */
export const machineProbe: PrerequisiteProbe = {
  hasPackage: installed,
  javaMajorVersion() {
    const run = spawnSync('java', ['-version'], { encoding: 'utf8', timeout: 30_000, env: process.env });
    if (run.error || run.status !== 0) return undefined;
    return parseJavaMajorVersion(`${run.stderr}${run.stdout}`);
  },
};

/**
 * Throws a `ConfigurationError` saying exactly what to install when an emulator package or Java is missing, before
 * anything starts.
 */
export function assertLocalPrerequisites(probe: PrerequisiteProbe = machineProbe): void {
  const error = prerequisitesError(missingPrerequisites(probe));
  if (error) throw error;
}
