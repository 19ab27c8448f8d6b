import fc from 'fast-check';
import { hasErrorCode } from '../../../src/domain/errors';
import {
  LOCAL_EMULATOR_PACKAGES,
  MINIMUM_JAVA,
  type PrerequisiteProbe,
  assertLocalPrerequisites,
  machineProbe,
  parseJavaMajorVersion,
} from '../../../src/infrastructure/local/runtime/prerequisites';

const machines = fc.record({
  missing: fc.subarray([...LOCAL_EMULATOR_PACKAGES]),
  java: fc.option(fc.integer({ min: 5, max: 30 }), { nil: undefined }),
});

function probeOf(machine: { missing: string[]; java: number | undefined }): PrerequisiteProbe {
  return { hasPackage: (name) => !machine.missing.includes(name), javaMajorVersion: () => machine.java };
}

function thrown(run: () => void): unknown {
  try {
    run();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('local runtime prerequisites', () => {
  it('names exactly the missing emulator packages and Java, with the commands that install them', () => {
    fc.assert(
      fc.property(machines, (machine) => {
        const error = thrown(() => assertLocalPrerequisites(probeOf(machine)));
        const javaMissing = machine.java === undefined || machine.java < MINIMUM_JAVA;
        if (machine.missing.length === 0 && !javaMissing) return expect(error).toBeUndefined();
        expect(hasErrorCode(error, 'CONFIGURATION_INVALID')).toBe(true);
        const { message } = error as Error;
        const npm = /npm i -D ([a-z0-9 -]+?)(;|$)/.exec(message)?.[1]?.split(' ') ?? [];
        expect(npm.sort()).toEqual([...machine.missing].sort());
        expect(message.includes('apt install openjdk-17-jre-headless')).toBe(javaMissing);
        expect((error as { context: { missingPackages: string[] } }).context.missingPackages).toEqual(
          LOCAL_EMULATOR_PACKAGES.filter((name) => machine.missing.includes(name)),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('reads the major version of every form of java -version', () => {
    const version = fc.tuple(fc.integer({ min: 9, max: 40 }), fc.nat(30), fc.nat(30));
    fc.assert(
      fc.property(version, fc.constantFrom('openjdk', 'java'), ([major, minor, patch], vendor) => {
        expect(parseJavaMajorVersion(`${vendor} version "${major}.${minor}.${patch}" 2024-01-16`)).toBe(
          major,
        );
        expect(parseJavaMajorVersion(`${vendor} version "${major}" 2024-01-16`)).toBe(major);
        expect(parseJavaMajorVersion(`${vendor} version "1.${minor}.0_${patch}"`)).toBe(minor);
      }),
    );
    expect(parseJavaMajorVersion('bash: java: command not found')).toBeUndefined();
  });

  it('finds the emulator packages this repository installs', () => {
    expect(LOCAL_EMULATOR_PACKAGES.filter((name) => !machineProbe.hasPackage(name))).toEqual([]);
    expect(machineProbe.hasPackage('no-such-emulator-package')).toBe(false);
  });
});
